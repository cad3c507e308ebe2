// Who may do what: the one table of permissions. Every route checks a permission from here, and the
// reviewer page receives the same table (for the key's role) to show only what will work. Reading
// is open to every role of the tenant; each write is one permission.
import type { Role } from './keys.js';

export const PERMISSIONS = {
  /** Create and edit drafts, preview rule trees. */
  draft: { roles: ['admin', 'editor'], says: 'create, edit and preview drafts' },
  /** Create, edit, approve, archive, duplicate, freeze, delete and import segment definitions (configurable). */
  define: { roles: ['admin'], says: 'change segment definitions' },
  /** Add and remove static members, recompute dynamic segments. */
  members: { roles: ['admin', 'editor'], says: 'change segment members' },
  /** Create, update and delete contacts and their deals, activities and email events. */
  contacts: { roles: ['admin', 'editor'], says: 'write contacts' },
  /**
   * Hand a segment's members off to automations (signed `segment.handoff` webhooks). Its own
   * permission, not `members`: it changes no membership, but it starts whatever the receivers do
   * (campaigns), which is an operator's call, as writing contacts is.
   */
  handoff: { roles: ['admin', 'editor'], says: 'hand off segment members to automations' },
  /** Register, change and remove webhooks, redeliver events. */
  webhooks: { roles: ['admin'], says: 'manage webhooks' },
  /** Define, change and delete the tenant's own fields (GET /v1/fields is open to every role). */
  fields: { roles: ['admin'], says: 'manage field definitions' },
  /** Create, list and revoke the tenant's API keys. */
  keys: { roles: ['admin'], says: 'manage API keys' },
} as const satisfies Record<string, { roles: readonly Role[]; says: string }>;

export type Permission = keyof typeof PERMISSIONS;
export type Policy = Readonly<Record<Permission, readonly Role[]>>;

/** The policy in force: the table, with who may define segments set by configuration (SEGMENT_DEFINITION_ROLES). */
export function createPolicy(definitionRoles: readonly Role[] = PERMISSIONS.define.roles): Policy {
  const policy = Object.fromEntries(Object.entries(PERMISSIONS).map(([p, spec]) => [p, [...spec.roles]])) as Record<Permission, Role[]>;
  policy.define = [...definitionRoles];
  return policy;
}

/** What one role may do, for the page. */
export function permissionsOf(policy: Policy, role: Role): Record<Permission, boolean> {
  return Object.fromEntries(Object.entries(policy).map(([p, roles]) => [p, roles.includes(role)])) as Record<Permission, boolean>;
}

/** Why a role may not: "Only admin or editor keys may write contacts; this key is viewer." */
export function refusal(policy: Policy, permission: Permission, role: Role, action: string = PERMISSIONS[permission].says): string {
  return `Only ${policy[permission].join(' or ')} keys may ${action}; this key is ${role}.`;
}
