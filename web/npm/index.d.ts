// Types for the copydesk npm package. The report is the JSON contract of
// `copydesk check --format json` (README: JSON output); offsets named start
// and end are UTF-8 bytes, startUtf16 and endUtf16 are JavaScript string
// indexes.

/** A range of the draft, in both units. */
export interface Span {
  start: number;
  end: number;
  startUtf16: number;
  endUtf16: number;
}

export type Level = "off" | "hint" | "info" | "warning" | "error";

/** The settings of copydesk.toml, under the same names, and the format. */
export interface Options {
  /** "plain" (the default) or "markdown". */
  format?: "plain" | "markdown";
  /** House style for later references. */
  style?: "auto" | "honorific" | "surname";
  /** Level of each rule, by its code. */
  severity?: Record<string, Level>;
  words?: {
    /** Extra verbs of speech ("harrumph", or every form of an irregular one). */
    speech_verbs?: string[];
    /** Extra titles written before a name. */
    titles?: Array<string | { title: string; gender?: "m" | "f" | "-"; kind?: string }>;
  };
  /** The people register: people the desk writes about often. */
  people?: Array<{ name: string; roles?: string[]; pronoun?: "he" | "she" | "they" }>;
}

export interface Speaker extends Span {
  name: string;
  kind: "person" | "role" | "organisation";
  /** For a role in the opening paragraph: the person introduced next (a guess). */
  guess?: string;
}

export interface Quote extends Span {
  text: string;
  speaker: Speaker | null;
  /**
   * Where an interview transcript has the quote. The browser engine reads
   * no transcripts, so here it is always null; the command line and the
   * language server fill it (see the README's Transcripts section).
   */
  source: QuoteSource | null;
}

export interface QuoteSource {
  file: string;
  /** The passage's byte offsets in the transcript file and its first line. */
  start: number | null;
  end: number | null;
  line: number | null;
  /** When it was said, `00:12:34`. */
  time: string | null;
  speaker: string | null;
  match: "exact" | "close" | "none";
  differences: Array<{ draft: string; transcript: string; start: number; end: number }>;
}

export interface Mention extends Span {
  text: string;
  form: "full" | "title" | "surname" | "given" | "role";
}

export interface Person {
  name: string;
  roles: string[];
  mentions: Mention[];
}

export interface Edit extends Span {
  insert: string;
}

export interface Fix {
  title: string;
  edits: Edit[];
}

export interface Diagnostic extends Span {
  code: string;
  severity: "hint" | "info" | "warning" | "error";
  message: string;
  /** 1-based line and column (in characters). */
  line: number;
  column: number;
  help?: string;
  fixes?: Fix[];
}

export interface Report {
  file: string;
  quotes: Quote[];
  people: Person[];
  diagnostics: Diagnostic[];
}

export interface Hover extends Span {
  markdown: string;
}

export interface OutlineNode extends Span {
  name: string;
  detail: string | null;
  kind: "person" | "role" | "organisation" | "group" | "quote";
  selection: Span;
  children: OutlineNode[];
}

export interface Action {
  title: string;
  kind: "quickfix" | "ignore";
  /** Indexes into the report's diagnostics. */
  diagnostics: number[];
  preferred: boolean;
  edits: Edit[];
}

export function init(source?: string | URL | Request | Response | BufferSource | WebAssembly.Module): Promise<void>;
export function initSync(bytes: BufferSource | WebAssembly.Module): void;
export function version(): string;
export function analyse(text: string, options?: Options): Report & { problems: string[] };
export function open(text: string, options?: Options): Draft;

export class Draft {
  constructor(text: string, options?: Options);
  readonly report: Report;
  readonly problems: string[];
  hover(at: number): Hover | null;
  outline(): OutlineNode[];
  actions(start: number, end?: number): Action[];
  free(): void;
}
