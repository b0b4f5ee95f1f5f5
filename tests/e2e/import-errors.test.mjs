// (f) Bad files are refused with a Vietnamese message naming the file and the problem, and the
// drafts already there (how many, and their values) do not change.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  createDraft, draftCount, expectAttr, fixture, gotoDrafts, openApp, openDraft, screenshot, tid,
  typeInto, useApp,
} from './harness.mjs';

const app = useApp();
const IN = (set, code) => tid(`input-${set}-${code}`);

export const BAD_FILES = [
  // [fixture, what the message must say besides the file name]
  ['ho-so-hong.json', /JSON/],
  ['sai-dinh-dang.json', /format|định dạng|không phải hồ sơ/i],
  ['xa-khong-ton-tai.json', /99999/],
  ['ty-le-120.json', /120/],
  ['ten-xa-xss.json', /unit\.name|tên|Phù Vân/i],
];

describe('importing bad files', () => {
  it('each bad file is refused, named, explained, and changes nothing', async () => {
    const { page } = app;
    await openApp(page, '#/tu-danh-gia');
    await createDraft(page, '13306', '2024');
    await typeInto(page, IN('ntm_nang_cao', '14.1'), '94,99', { leave: true });
    await page.selectOption(IN('ntm', '1.1'), 'true');
    await typeInto(page, tid('evidence-ntm-1.1'), 'Căn cứ gốc', { leave: true });
    await expectAttr(page, tid('outcome-ntm_nang_cao-14.1'), 'data-outcome', 'chua_dat');
    await gotoDrafts(page);
    const count = await draftCount(page);
    assert.equal(count, 1);

    for (const [name, problem] of BAD_FILES) {
      await gotoDrafts(page);
      await page.setInputFiles('#import-dossier', fixture(name));
      const err = page.locator(tid('import-error'));
      await page.waitForFunction(
        ({ sel, name }) => (document.querySelector(sel)?.textContent || '').includes(name),
        { sel: tid('import-error'), name },
      ).catch(async () => {
        assert.fail(`no import-error naming ${name}; shown: ${await err.textContent().catch(() => '(none)')}`);
      });
      assert.equal(await err.getAttribute('role'), 'alert');
      const text = (await err.textContent()) || '';
      assert.match(text, problem, `${name}: message does not say what is wrong: ${text}`);
      // Vietnamese: at least one letter with a Vietnamese diacritic.
      assert.match(text, /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i, `${name}: message is not in Vietnamese: ${text}`);
      assert.equal(await page.locator(tid('import-ok')).count(), 0, `${name}: import-ok shown for a refused file`);
      assert.equal(await draftCount(page), count, `${name}: the number of drafts changed`);
      await screenshot(page, `f-refused-${name}`);
    }
    assert.equal(await page.evaluate(() => window.__xss), undefined, 'script from a file ran');
    assert.equal(await page.locator('img[src="x"]').count(), 0, 'markup from a file was inserted as HTML');

    await openDraft(page, '13306', '2024');
    assert.equal(await page.inputValue(IN('ntm_nang_cao', '14.1')), '94,99');
    assert.equal(await page.inputValue(IN('ntm', '1.1')), 'true');
    assert.equal(await page.inputValue(tid('evidence-ntm-1.1')), 'Căn cứ gốc');
    await expectAttr(page, tid('outcome-ntm_nang_cao-14.1'), 'data-outcome', 'chua_dat');
  });

  it('markup inside an accepted file is shown as text, never run', async () => {
    const { page } = app;
    await openApp(page, '#/tu-danh-gia');
    await page.setInputFiles('#import-dossier', fixture('ho-so-xss-can-cu.json'));
    await page.waitForSelector(`${tid('import-ok')}, ${tid('import-error')}`);
    assert.equal(await page.locator(tid('import-error')).count(), 0, 'a valid file with odd text was refused');
    await openDraft(page, '13306', '2023');
    assert.equal(
      await page.inputValue(tid('evidence-ntm-1.1')),
      '<img src=x onerror="window.__xss=2"><script>window.__xss=3</script>',
    );
    assert.match(await page.inputValue(tid('cond-outstanding_fields')), /<b onmouseover="window.__xss=4">Văn hóa<\/b>/);
    // Print view and summary render the same text; nothing may run anywhere.
    await page.hover(tid('cond-outstanding_fields'));
    assert.equal(await page.evaluate(() => window.__xss), undefined, 'script from a file ran');
    assert.equal(await page.locator('img[src="x"], b[onmouseover]').count(), 0, 'markup from a file was inserted as HTML');
    await screenshot(page, 'f-xss-as-text');
  });
});
