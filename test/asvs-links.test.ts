import { describe, expect, it } from 'vitest';
import { isWebUrl } from '../web/src/pages/cycles/ManagerReviewView.tsx';
import { evidenceItemSchema } from '../src/shared/schemas/promotions.ts';

/**
 * ASVS 5.0 V1.2.2 (docs/security.md): a link a person typed becomes a clickable link only for
 * http and https, so `javascript:` and `data:` cannot run in a reader's session. Promotion
 * evidence refuses other schemes when stored; manager review evidence shows them as text.
 */
const HOSTILE = ['javascript:alert(document.cookie)', 'JavaScript:alert(1)', ' javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', 'file:///etc/passwd', '//evil.example/x'];

describe('links typed by people (V1.2.2)', () => {
  it('manager review evidence is a link only for http and https addresses', () => {
    for (const url of HOSTILE) expect(isWebUrl(url), url).toBe(false);
    for (const url of ['https://docs.example/design', 'http://wiki.example/page?x=1']) expect(isWebUrl(url), url).toBe(true);
  });

  it('promotion evidence refuses any other scheme when it is stored', () => {
    const item = (url: string) => evidenceItemSchema.safeParse({ kind: 'design_doc', url, title: 'Design', expectations: [] });
    for (const url of HOSTILE) expect(item(url).success, url).toBe(false);
    expect(item('https://docs.example/design').success).toBe(true);
  });
});
