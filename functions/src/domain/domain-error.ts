/** Base of every error the domain raises: `code` is stable and safe to show or match on. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
