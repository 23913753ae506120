import { TestOidcProvider } from '@samenspoor/testing';

import { ApiClient, startTestApp, type TestApp } from '../support/app';

/**
 * Issue 19 in production mode: a household member signs in through the municipality's OpenID Connect broker
 * (DigiD) and is found from the token's BSN claim through the blind index — never from `familyId`/`memberId`
 * claims, which any token of the issuer could carry. The claim's name is configurable (`OIDC_BSN_CLAIM`).
 */
describe('a family token of an OpenID Connect issuer', () => {
  let provider: TestOidcProvider;
  let app: TestApp;
  const ANS_BSN = '111222333';
  const OTHER_BSN = '123456782';

  beforeAll(async () => {
    provider = await TestOidcProvider.start('samenspoor-api');
    app = await startTestApp('pglite', {
      env: { ...provider.apiEnv(), OIDC_BSN_CLAIM: 'digid.bsn' },
    });
  });
  afterAll(async () => {
    await app.close();
    await provider.close();
  });

  const client = async (claims: Record<string, unknown>) =>
    new ApiClient(app, await provider.sign(claims));

  it('finds the member by the BSN claim alone, and ignores forged familyId and memberId claims', async () => {
    const anna = await client({
      sub: 'p-anna',
      organisation: 'WIJ Groningen',
      realm_access: { roles: ['professional'] },
    });
    const ours = await anna.post('/api/families', {
      municipality: 'Groningen',
      members: [{ role: 'parent', displayName: 'Ans', birthYear: 1984, bsn: ANS_BSN }],
    });
    expect(ours.status).toBe(201);
    const theirs = await anna.post('/api/families', {
      municipality: 'Groningen',
      members: [{ role: 'parent', displayName: 'Ander', birthYear: 1980, bsn: OTHER_BSN }],
    });
    expect(theirs.status).toBe(201);

    const ans = await client({
      sub: 'digid-ans',
      realm_access: { roles: ['family'] },
      digid: { bsn: ANS_BSN },
    });
    const record = await ans.get('/api/my-family');
    expect(record.status).toBe(200);
    expect(record.body).toMatchObject({
      familyId: ours.body.familyId,
      me: { memberId: ours.body.memberIds[0], displayName: 'Ans' },
    });

    // Her BSN with the other family's ids in claims: the claims are ignored, the BSN decides.
    const forged = await client({
      sub: 'digid-ans',
      realm_access: { roles: ['family'] },
      digid: { bsn: ANS_BSN },
      familyId: theirs.body.familyId,
      memberId: theirs.body.memberIds[0],
    });
    expect((await forged.get('/api/my-family')).body.familyId).toBe(ours.body.familyId);

    // Claims alone, without a BSN, name nobody; a BSN under another claim name neither.
    for (const claims of [
      { familyId: theirs.body.familyId, memberId: theirs.body.memberIds[0] },
      { bsn: OTHER_BSN },
      { digid: { bsn: '999999999' } },
    ]) {
      const token = await client({
        sub: 'digid-x',
        realm_access: { roles: ['family'] },
        ...claims,
      });
      const answer = await token.get('/api/my-family');
      expect([claims, answer.status]).toEqual([claims, 403]);
      expect(answer.text).not.toContain('Ander');
    }
  });
});
