// The password rule in words and numbers, importing nothing: the site's pages show it too (site/src bundles
// this file). The check itself is password-policy.ts.
export const PASSWORD_MIN_LENGTH = 10;
// bcrypt ignores everything after 72 bytes: a longer password would be silently shortened.
export const PASSWORD_MAX_BYTES = 72;

export const PASSWORD_RULE =
  `Le mot de passe doit comporter au moins ${PASSWORD_MIN_LENGTH} caractères, dont au moins une lettre et un ` +
  'chiffre, et ne doit pas contenir la partie de votre adresse e-mail située avant « @ ».';
