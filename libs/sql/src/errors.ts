/**
 * The database cannot be reached, refused the connection, or has been closed. What runs on the database (the
 * audit log, the key vault, the read models) lets it through; the API answers it with 503 and `Retry-After`.
 */
export class DatabaseUnavailableError extends Error {
  readonly code = 'database-unavailable';

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}
