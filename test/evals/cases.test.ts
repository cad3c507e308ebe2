// The main eval set (evals/cases/): at least 150 cases, balanced across the categories.
import { loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

checkCaseSet('eval cases', loadCases(), { total: [150, 400], perCategory: [8, 20], minStayScoped: 3 });
