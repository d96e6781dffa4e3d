import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { roleFromGroups } from '../externalPeople.ts';
import { authConfigFromEnv } from '../ssoConfig.ts';
import { safeReturnTo } from './routes.ts';
import { emailVerified } from './service.ts';

describe('where a sign-in returns to', () => {
  it('keeps a path on this site, with its query and fragment', () => {
    expect(safeReturnTo('/meetings/m1?tab=notes#i2')).toBe('/meetings/m1?tab=notes#i2');
    expect(safeReturnTo('/')).toBe('/');
  });

  it('sends anything that could leave the site to the start page', () => {
    for (const next of [
      '//evil.example',
      '/\\evil.example',
      '/\t/evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      'evil',
      '',
      undefined,
      ['/a', '/b'],
      `/${'a'.repeat(2001)}`,
    ]) {
      expect(safeReturnTo(next), String(next)).toBe('/');
    }
  });
});

describe('the role from the group claim', () => {
  const provider = { roles: { formand: 'chair', medlem: 'council_member', arkitekt: 'network_architect' } } as const;

  it('is the highest role any of the groups maps to, whatever the order', () => {
    expect(roleFromGroups(provider.roles, ['arkitekt', 'formand', 'medlem'])).toBe('chair');
    expect(roleFromGroups(provider.roles, ['andet', 'medlem'])).toBe('council_member');
    expect(roleFromGroups(provider.roles, 'arkitekt')).toBe('network_architect');
  });

  it('is none without a mapped group', () => {
    expect(roleFromGroups(provider.roles, ['andet'])).toBeNull();
    expect(roleFromGroups(provider.roles, undefined)).toBeNull();
    expect(roleFromGroups(provider.roles, [{ formand: true }])).toBeNull();
    expect(roleFromGroups(provider.roles, ['toString', '__proto__'])).toBeNull();
  });
});

describe('whether the provider vouches for the email', () => {
  it('is only a claim that says true', () => {
    expect(emailVerified({ email_verified: true }, 'email_verified')).toBe(true);
    expect(emailVerified({ email_verified: 'true' }, 'email_verified')).toBe(true);
    expect(emailVerified({ xms_edov: true }, 'xms_edov')).toBe(true);
    for (const value of [false, 'false', 1, 'yes', null, undefined]) {
      expect(emailVerified({ email_verified: value }, 'email_verified'), String(value)).toBe(false);
    }
    expect(emailVerified({ email_verified: true }, 'xms_edov')).toBe(false);
  });
});

describe('the single sign-on settings', () => {
  const file = (config: unknown) => {
    const name = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'council-auth-')), 'auth.json');
    fs.writeFileSync(name, typeof config === 'string' ? config : JSON.stringify(config));
    return name;
  };
  const provider = {
    id: 'kombit',
    name: 'Aarhus Kommune (Entra ID)',
    issuer: 'https://login.example.dk/tenant/v2.0',
    clientId: 'council',
    clientSecret: 'hemmelig',
  };

  it('are empty without any setting: no providers, and people are made with the network architect role', () => {
    expect(authConfigFromEnv({})).toEqual({
      oidc: [],
      saml: [],
      jit: 'default_role',
      defaultRole: 'network_architect',
    });
  });

  it('read SAML providers with AD FS’s attribute names by default, and refuse an id an OpenID provider has', () => {
    const saml = {
      id: 'vejle',
      name: 'Vejle Kommune',
      entryPoint: 'https://adfs.vejle.example/adfs/ls/',
      idpIssuer: 'http://adfs.vejle.example/adfs/services/trust',
      idpCert: '-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----',
    };
    const config = authConfigFromEnv({ COUNCIL_AUTH_CONFIG: file({ saml: [saml] }) });
    expect(config.saml[0]).toMatchObject({
      emailVerified: false,
      attributes: { email: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress' },
    });
    expect(() =>
      authConfigFromEnv({ COUNCIL_AUTH_CONFIG: file({ oidc: [{ ...provider, id: 'vejle' }], saml: [saml] }) }),
    ).toThrow(/provider ids must differ/);
    expect(() =>
      authConfigFromEnv({
        COUNCIL_AUTH_CONFIG: file({ saml: [{ ...saml, entryPoint: 'http://adfs.vejle.example/ls' }] }),
      }),
    ).toThrow(/saml\.0\.entryPoint|https/);
  });

  it('read a file with defaults for what it leaves out', () => {
    const config = authConfigFromEnv({
      COUNCIL_AUTH_CONFIG: file({ oidc: [{ ...provider, roles: { rådet: 'council_member' } }], jit: 'invite_only' }),
    });
    expect(config.jit).toBe('invite_only');
    expect(config.oidc[0]).toMatchObject({
      scopes: ['openid', 'email', 'profile'],
      claims: {
        email: 'email',
        name: 'name',
        organisation: 'organisation',
        groups: 'groups',
        emailVerified: 'email_verified',
      },
      roles: { rådet: 'council_member' },
    });
  });

  it('read one provider from COUNCIL_OIDC_*', () => {
    const config = authConfigFromEnv({
      COUNCIL_OIDC_ISSUER: provider.issuer,
      COUNCIL_OIDC_CLIENT_ID: 'council',
      COUNCIL_OIDC_CLIENT_SECRET: 'hemmelig',
      COUNCIL_OIDC_NAME: 'Aarhus Kommune',
      COUNCIL_OIDC_SCOPES: 'openid email profile groups',
      COUNCIL_OIDC_ROLES: '{"raad":"chair"}',
      COUNCIL_OIDC_DEFAULT_ROLE: 'observer',
    });
    expect(config.defaultRole).toBe('observer');
    expect(config.oidc).toEqual([
      expect.objectContaining({
        id: 'oidc',
        name: 'Aarhus Kommune',
        scopes: ['openid', 'email', 'profile', 'groups'],
        roles: { raad: 'chair' },
      }),
    ]);
  });

  it('stop the start with a message that names what is wrong', () => {
    const refused = (env: NodeJS.ProcessEnv) => () => authConfigFromEnv(env);
    expect(refused({ COUNCIL_AUTH_CONFIG: '/nonexistent/auth.json' })).toThrow(/COUNCIL_AUTH_CONFIG.*ENOENT/);
    expect(refused({ COUNCIL_AUTH_CONFIG: file('{ not json') })).toThrow(/COUNCIL_AUTH_CONFIG/);
    expect(refused({ COUNCIL_AUTH_CONFIG: file({ oidc: [{ ...provider, clientSecret: undefined }] }) })).toThrow(
      /oidc\.0\.clientSecret/,
    );
    expect(refused({ COUNCIL_AUTH_CONFIG: file({ oidc: [{ ...provider, roles: { x: 'king' } }] }) })).toThrow(
      /oidc\.0\.roles\.x/,
    );
    expect(refused({ COUNCIL_AUTH_CONFIG: file({ oidc: [{ ...provider, issuer: 'http://idp.example' }] }) })).toThrow(
      /issuer must be https/,
    );
    expect(refused({ COUNCIL_AUTH_CONFIG: file({ oidc: [provider, provider] }) })).toThrow(/ids must differ/);
    expect(refused({ COUNCIL_AUTH_CONFIG: file({ oidc: [provider], jit: 'sometimes' }) })).toThrow(/jit/);
    expect(refused({ COUNCIL_AUTH_CONFIG: file({ oidc: [{ ...provider, clientSecert: 'typo' }] }) })).toThrow(
      /clientSecert/,
    );
    expect(refused({ COUNCIL_OIDC_ISSUER: provider.issuer })).toThrow(/COUNCIL_OIDC_\*.*clientId/);
    expect(refused({ COUNCIL_OIDC_ISSUER: provider.issuer, COUNCIL_AUTH_CONFIG: file({}) })).toThrow(/not both/);
  });

  it('allow an http issuer only on this machine', () => {
    const local = { ...provider, issuer: 'http://127.0.0.1:8080/realms/council' };
    expect(authConfigFromEnv({ COUNCIL_AUTH_CONFIG: file({ oidc: [local] }) }).oidc[0]?.issuer).toBe(local.issuer);
  });
});
