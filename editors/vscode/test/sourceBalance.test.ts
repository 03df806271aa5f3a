// The source balance page: the tables the extension shows for the count the
// server gives (copydesk.sourceBalance), and what the command is asked for.

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { balancePage, balanceRequest, type Desk, deskTable, percent, type StoryCount, storyTable, type Tally } from "../src/sourceBalance";

function tally(t: Partial<Tally>): Tally {
  const zero: Tally = {
    stories: 1, sources: 0, people: 0, roles: 0, organisations: 0, anonymous: 0,
    women: 0, men: 0, nonbinary: 0, unknown: 0, quotes: 0, words: 0,
    women_words: 0, men_words: 0, nonbinary_words: 0, unknown_words: 0, organisation_words: 0,
    unattributed_quotes: 0, unattributed_words: 0,
  };
  return { ...zero, ...t };
}

const STORY: StoryCount = {
  id: "2026/market.md",
  date: "2026-03-14",
  headline: "Market hall <to> reopen",
  sources: [
    { name: "Priya Danvers", kind: "person", gender: "woman", decided_by: "title", because: "woman — title “Ms”", quotes: 2, words: 11, share: 0.44 },
    { name: "Tobias Glenn", kind: "person", gender: "man", decided_by: "pronoun", because: "man — pronoun “He”", quotes: 2, words: 10, share: 0.4 },
    { name: "The borough council", kind: "organisation", gender: "unknown", decided_by: null, because: "unknown — nothing in the story says", quotes: 1, words: 3, share: 0.12 },
  ],
  totals: tally({ sources: 3, people: 2, organisations: 1, women: 1, men: 1, quotes: 5, words: 24, women_words: 11, men_words: 10, organisation_words: 3, unattributed_quotes: 1, unattributed_words: 1 }),
};

describe("balanceRequest", () => {
  it("takes the code lens's argument", () => {
    assert.deepEqual(balanceRequest([{ uri: "file:///d/a.md", scope: "story" }], "file:///d/b.md"), { uri: "file:///d/a.md", scope: "story" });
    assert.deepEqual(balanceRequest([{ uri: "file:///d/a.md", scope: "workspace" }], undefined), { uri: "file:///d/a.md", scope: "workspace" });
  });

  it("counts the draft in the editor when run from the Command Palette", () => {
    assert.deepEqual(balanceRequest([], "file:///d/b.md"), { uri: "file:///d/b.md", scope: "story" });
    assert.equal(balanceRequest([], undefined), undefined);
  });
});

describe("the page", () => {
  it("lists the story's sources with how each gender was decided, escaped", () => {
    const html = storyTable(STORY);
    assert.match(html, /<h2>Market hall &lt;to&gt; reopen<\/h2>/);
    assert.match(html, /<td>Priya Danvers<\/td><td>person<\/td><td>woman<\/td><td>woman — title “Ms”<\/td><td class="n">2<\/td><td class="n">11<\/td><td class="n">44%<\/td>/);
    assert.match(html, /The borough council<\/td><td>organisation/);
    assert.match(html, /Named people: 1 woman, 1 man, 0 nonbinary, 0 unknown · women 52% of quoted words/);
    assert.match(html, /1 quote \(1 word\) with no speaker named/);
    assert.match(storyTable({ ...STORY, sources: [] }), /Nobody is quoted in this story yet/);
  });

  it("lists the workspace's stories, their totals and months", () => {
    const desk: Desk = {
      stories: [STORY, { ...STORY, id: "brief.txt", date: null, headline: null, sources: [], totals: tally({}) }],
      totals: tally({ stories: 2, sources: 3, women: 1, men: 1, organisations: 1, women_words: 11, men_words: 10 }),
      months: { "2026-03": STORY.totals },
      shares: { women: 0.5, men: 0.5, nonbinary: 0, unknown: 0, women_of_words: 0.524 },
      gender: "names",
    };
    const html = deskTable(desk);
    assert.match(html, /<td>2026\/market.md<\/td><td>2026-03-14<\/td><td class="n">3<\/td><td class="n">1<\/td><td class="n">1<\/td><td class="n">0<\/td><td class="n">0<\/td><td class="n">1<\/td><td class="n">52%<\/td>/);
    assert.match(html, /<td>brief.txt<\/td><td><\/td><td class="n">0<\/td>.*<td class="n">—<\/td>/);
    assert.match(html, /<tfoot><tr><td>2 stories<\/td>/);
    assert.match(html, /<table id="months">.*<td>2026-03<\/td>/s);
    assert.match(html, /Gender is decided from what each story says, and a given name/);
  });

  it("keeps nonbinary people apart from unknown, as the command line does", () => {
    const totals = tally({ sources: 3, people: 3, women: 1, nonbinary: 1, unknown: 1 });
    const desk: Desk = {
      stories: [{ ...STORY, totals }],
      totals,
      months: {},
      shares: { women: 0.333, men: 0, nonbinary: 0.333, unknown: 0.333, women_of_words: null },
      gender: "text-only",
    };
    const html = deskTable(desk);
    assert.match(html, /<th class="n">Nonbinary<\/th><th class="n">Unknown<\/th>/);
    assert.match(html, /<td class="n">1<\/td><td class="n">0<\/td><td class="n">1<\/td><td class="n">1<\/td><td class="n">0<\/td>/);
    assert.match(html, /<tfoot><tr><td>1 story<\/td>/);
    assert.doesNotMatch(html, /counted with unknown/);
  });

  it("loads nothing and runs nothing", () => {
    const page = balancePage(STORY, undefined, "vscode-webview://abc");
    assert.match(page, /Content-Security-Policy" content="default-src 'none'; style-src vscode-webview:\/\/abc 'unsafe-inline'; img-src vscode-webview:\/\/abc;"/);
    assert.doesNotMatch(page, /<script|https?:/);
    assert.doesNotMatch(page, /id="desk"/);
  });

  it("rounds shares as the code lens does", () => {
    assert.deepEqual([0, 0.004, 0.184, 0.996, 1].map(percent), ["0%", "<1%", "18%", ">99%", "100%"]);
  });
});
