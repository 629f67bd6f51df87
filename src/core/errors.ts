/**
 * Typed errors. Every failure that crosses a stage boundary is a BantinError
 * with a `kind` that callers switch on; nothing matches on messages or on
 * constructor names. Stages add their own kinds by subclassing.
 */
export abstract class BantinError extends Error {
  abstract readonly kind: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A config file (source, feed) is invalid. The CLI exits 2 on this. */
export class ConfigError extends BantinError {
  readonly kind = 'config';

  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
  }
}

/** The page was fetched but holds no article (listing, 404 page, login wall...). */
export class NotAnArticleError extends BantinError {
  readonly kind = 'not-an-article';

  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`${url} is not an article: ${reason}`);
  }
}

/** Data read back from Redis failed validation: reported, never served. */
export class CorruptRecordError extends BantinError {
  readonly kind = 'corrupt-record';

  constructor(
    readonly key: string,
    readonly problem: string,
  ) {
    super(`${key} holds an invalid record: ${problem}`);
  }
}

/** Bad input from an HTTP client or the CLI; `param` names what was wrong. */
export class InputError extends BantinError {
  readonly kind = 'input';

  constructor(
    readonly param: string,
    readonly problem: string,
  ) {
    super(`${param}: ${problem}`);
  }
}
