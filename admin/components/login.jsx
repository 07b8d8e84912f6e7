// The back office's sign-in page (replaces AdminJS's « Login »: its blue panel and astronaut artwork, its
// unlabelled fields, and an e-mail field emptied after every refusal). The colours are the theme's
// (admin/branding.ts). A refused sign-in is a new page rendered by the server without what was typed: the
// e-mail is kept for it in the tab's sessionStorage (never the password) and put back. « Mot de passe oublié ? »
// leads to the staff screens' page, where every employee asks for a link by e-mail.
import React, { useState } from 'react';
import { useSelector } from 'react-redux';
import { useTranslation } from 'adminjs';
import { Box, Button, FormGroup, H2, Input, Label, Link, MessageBox, Text } from '@adminjs/design-system';

const EMAIL_KEY = 'ocpizza.gestion.login-email';

function stored(read) {
  try {
    return read(window.sessionStorage);
  } catch {
    return null; // storage refused (private mode): the field starts empty
  }
}

/** A pizza drawn in the brand's colours, decorative. */
const Pizza = () => (
  <svg viewBox="0 0 120 120" width="120" height="120" aria-hidden="true" focusable="false">
    <circle cx="60" cy="60" r="54" fill="#e8a33d" />
    <circle cx="60" cy="60" r="46" fill="#f6c453" />
    {[
      [42, 40],
      [76, 44],
      [58, 66],
      [36, 74],
      [80, 78],
    ].map(([cx, cy]) => (
      <circle key={`${cx}-${cy}`} cx={cx} cy={cy} r="8" fill="#8c1d18" />
    ))}
  </svg>
);

const Login = () => {
  const { action, errorMessage: message } = window.__APP_STATE__ ?? {};
  const { translateComponent, translateMessage } = useTranslation();
  const branding = useSelector((state) => state.branding);
  const [email, setEmail] = useState(() =>
    message ? (stored((s) => s.getItem(EMAIL_KEY)) ?? '') : (stored((s) => s.removeItem(EMAIL_KEY)) ?? ''),
  );
  const remember = () => stored((s) => s.setItem(EMAIL_KEY, email));
  return (
    <Box
      as="main"
      flex
      alignItems="center"
      justifyContent="center"
      flexDirection="column"
      height="100%"
      bg="bg"
      data-testid="login-page"
    >
      <Box bg="white" flex boxShadow="login" width={[1, 2 / 3, 'auto']}>
        <Box
          bg="primary100"
          color="white"
          p="x3"
          width="360px"
          display={['none', 'none', 'flex']}
          flexDirection="column"
          alignItems="center"
          justifyContent="center"
          data-testid="login-brand"
        >
          <Pizza />
          <H2 color="white" mt="xl" textAlign="center">
            {branding.companyName}
          </H2>
          <Text color="white" mt="default" textAlign="center">
            {translateComponent('Login.welcomeMessage')}
          </Text>
        </Box>
        <Box
          as="form"
          action={action}
          method="POST"
          onSubmit={remember}
          p="x3"
          width={['100%', '100%', '440px']}
        >
          {/* The page's heading: an h1 drawn as AdminJS's H2 (its CSS reset flattens a bare h1). */}
          <H2 as="h1" mb="xxl" style={{ fontSize: '28px', lineHeight: '36px' }}>
            Connexion
          </H2>
          {message ? (
            <MessageBox
              my="lg"
              variant="danger"
              message={message.split(' ').length > 1 ? message : translateMessage(message)}
            />
          ) : null}
          <FormGroup>
            <Label htmlFor="login-email" required>
              {translateComponent('Login.properties.email')}
            </Label>
            <Input
              id="login-email"
              name="email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </FormGroup>
          <FormGroup>
            <Label htmlFor="login-password" required>
              {translateComponent('Login.properties.password')}
            </Label>
            <Input
              id="login-password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
            />
          </FormGroup>
          <Text mt="xl" textAlign="center">
            <Button variant="contained" type="submit">
              {translateComponent('Login.loginButton')}
            </Button>
          </Text>
          {/* The new password is chosen on /personnel, the same page for every employee (src/modules/auth). */}
          <Text mt="lg" textAlign="center">
            <Link variant="primary" href="/personnel#/mot-de-passe/oublie">
              Mot de passe oublié ?
            </Link>
          </Text>
        </Box>
      </Box>
    </Box>
  );
};

export default Login;
