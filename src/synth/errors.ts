// The generator's one error class: bad options, an org it did not make, data PostgreSQL cannot store.
export class SyntheticError extends Error {
  override name = 'SyntheticError';
}
