// The customers' password rule, checked before anything is counted or written, so that someone fumbling with
// the rule is not locked out by the registration rate limit.
import { ValidationError } from '../../shared/errors.js';
import { PASSWORD_MAX_BYTES, PASSWORD_MIN_LENGTH, PASSWORD_RULE } from './password-rule.js';

export { PASSWORD_MAX_BYTES, PASSWORD_MIN_LENGTH, PASSWORD_RULE } from './password-rule.js';

// A two-letter local part ("jo@…") would forbid half the dictionary without protecting anything.
const MIN_LOCAL_PART_CHECKED = 3;

interface Problem {
  rule: 'min_length' | 'max_length' | 'letter' | 'digit' | 'email';
  message: string;
}

export function passwordProblems(password: string, email: string): Problem[] {
  const problems: Problem[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    problems.push({ rule: 'min_length', message: `au moins ${PASSWORD_MIN_LENGTH} caractères` });
  }
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES) {
    problems.push({
      rule: 'max_length',
      message: `au plus ${PASSWORD_MAX_BYTES} octets (72 caractères sans accents)`,
    });
  }
  if (!/\p{L}/u.test(password)) problems.push({ rule: 'letter', message: 'au moins une lettre' });
  if (!/\p{Nd}/u.test(password)) problems.push({ rule: 'digit', message: 'au moins un chiffre' });
  const localPart = email.slice(0, email.lastIndexOf('@')).toLowerCase();
  if (localPart.length >= MIN_LOCAL_PART_CHECKED && password.toLowerCase().includes(localPart)) {
    problems.push({ rule: 'email', message: 'ne pas contenir votre adresse e-mail' });
  }
  return problems;
}

/** 422 `weak_password`, listing every rule the password breaks. */
export function assertPasswordPolicy(password: string, email: string): void {
  const problems = passwordProblems(password, email);
  if (problems.length === 0) return;
  throw new ValidationError(
    PASSWORD_RULE,
    problems.map((p) => ({ path: 'password', ...p })),
    'weak_password',
  );
}
