import { expect } from 'chai';
import { buildSite, siteBuildUpToDate } from '../../../src/site/build.js';

describe('the site build (src/site/build.ts)', function () {
  this.timeout(60_000);

  it('when site/dist holds the build of the current sources, then it is reported up to date with its files', async () => {
    const built = await buildSite();
    const again = siteBuildUpToDate({ minify: true });
    expect(again?.upToDate).to.equal(true);
    expect(again?.files).to.deep.equal(built.files);
    expect(siteBuildUpToDate({ minify: false })).to.equal(undefined);
  });
});
