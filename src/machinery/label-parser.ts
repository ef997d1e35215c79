/**
 * The label-selector string syntax (labels.Parse), ported token for token from k8s.io/apimachinery/pkg/labels so
 * that what parses, what fails, and every error message are Kubernetes' own:
 *
 *   <selector-syntax>  ::= <requirement> | <requirement> "," <selector-syntax>
 *   <requirement>      ::= [!] KEY [ <set-based-restriction> | <exact-match-restriction> ]
 *   <set-based-restriction> ::= "" | ("in" | "notin") "(" VALUE ("," VALUE)* ")"
 *   <exact-match-restriction> ::= ("=" | "==" | "!=" | ">" | "<") VALUE
 *
 * Whitespace is ' ', '\t', '\r', '\n'. Set values are de-duplicated and sorted; requirements are sorted by key.
 */
import type { FieldError } from './field-errors.js';
import {
  LABEL_BINARY_OPERATORS,
  type LabelOperator,
  type Requirement,
  type Selector,
  SelectorParseError,
  compareUtf8Order,
  labelKeyError,
  newRequirement,
  selectorFromRequirements,
} from './labels.js';

enum Tok {
  Error,
  EndOfString,
  ClosedPar,
  Comma,
  DoesNotExist,
  DoubleEquals,
  Equals,
  GreaterThan,
  Identifier,
  In,
  LessThan,
  NotEquals,
  NotIn,
  OpenPar,
}

const string2token: ReadonlyMap<string, Tok> = new Map([
  [')', Tok.ClosedPar],
  [',', Tok.Comma],
  ['!', Tok.DoesNotExist],
  ['==', Tok.DoubleEquals],
  ['=', Tok.Equals],
  ['>', Tok.GreaterThan],
  ['in', Tok.In],
  ['<', Tok.LessThan],
  ['!=', Tok.NotEquals],
  ['notin', Tok.NotIn],
  ['(', Tok.OpenPar],
]);

interface Item {
  tok: Tok;
  lit: string;
}

const isWhitespace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecial = (ch: string) => ch === '=' || ch === '!' || ch === '(' || ch === ')' || ch === ',' || ch === '>' || ch === '<';
const NUL = '\0';

/** Kubernetes' Lexer. `read()` yields NUL at the end, exactly like the Go byte lexer. */
class Lexer {
  private pos = 0;
  constructor(private readonly s: string) {}

  private read(): string {
    if (this.pos < this.s.length) return this.s[this.pos++]!;
    return NUL;
  }

  private unread(): void {
    this.pos--;
  }

  private scanIdOrKeyword(): Item {
    let buf = '';
    for (;;) {
      const ch = this.read();
      if (ch === NUL) break;
      if (isSpecial(ch) || isWhitespace(ch)) {
        this.unread();
        break;
      }
      buf += ch;
    }
    return { tok: string2token.get(buf) ?? Tok.Identifier, lit: buf };
  }

  private scanSpecialSymbol(): Item {
    let last: Item | undefined;
    let buf = '';
    for (;;) {
      const ch = this.read();
      if (ch === NUL) break;
      if (!isSpecial(ch)) {
        this.unread();
        break;
      }
      buf += ch;
      const tok = string2token.get(buf);
      if (tok !== undefined) last = { tok, lit: buf };
      else if (last) {
        this.unread();
        break;
      }
    }
    return last ?? { tok: Tok.Error, lit: `error expected: keyword found '${buf}'` };
  }

  lex(): Item {
    let ch = this.read();
    while (isWhitespace(ch)) ch = this.read();
    if (ch === NUL) return { tok: Tok.EndOfString, lit: '' };
    this.unread();
    return isSpecial(ch) ? this.scanSpecialSymbol() : this.scanIdOrKeyword();
  }
}

/** Where a token is read: in Values context the keywords `in`/`notin` are plain identifiers. */
enum Ctx {
  KeyAndOperator,
  Values,
}

class ParseFailure extends Error {
  constructor(
    message: string,
    readonly causes: readonly FieldError[] = [],
  ) {
    super(message);
  }
}

class Parser {
  private readonly items: Item[] = [];
  private position = 0;

  constructor(input: string) {
    const lexer = new Lexer(input);
    for (;;) {
      const item = lexer.lex();
      this.items.push(item);
      if (item.tok === Tok.EndOfString) break;
    }
  }

  private view(item: Item, ctx: Ctx): Item {
    if (ctx === Ctx.Values && (item.tok === Tok.In || item.tok === Tok.NotIn)) return { tok: Tok.Identifier, lit: item.lit };
    return item;
  }

  private lookahead(ctx: Ctx): Item {
    return this.view(this.items[this.position]!, ctx);
  }

  private consume(ctx: Ctx): Item {
    // The Go parser never reads past EndOfString on a well-formed token stream; clamp so a bad one cannot crash.
    const item = this.items[Math.min(this.position, this.items.length - 1)]!;
    this.position++;
    return this.view(item, ctx);
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const { tok, lit } = this.lookahead(Ctx.Values);
      if (tok === Tok.EndOfString) return reqs;
      if (tok !== Tok.Identifier && tok !== Tok.DoesNotExist) {
        throw new ParseFailure(`found '${lit}', expected: !, identifier, or 'end of string'`);
      }
      try {
        reqs.push(this.parseRequirement());
      } catch (err) {
        if (err instanceof ParseFailure || err instanceof SelectorParseError) {
          throw new ParseFailure(`unable to parse requirement: ${err.message}`, err.causes);
        }
        throw err;
      }
      const next = this.consume(Ctx.Values);
      if (next.tok === Tok.EndOfString) return reqs;
      if (next.tok !== Tok.Comma) throw new ParseFailure(`found '${next.lit}', expected: ',' or 'end of string'`);
      const after = this.lookahead(Ctx.Values);
      if (after.tok !== Tok.Identifier && after.tok !== Tok.DoesNotExist) {
        throw new ParseFailure(`found '${after.lit}', expected: identifier after ','`);
      }
    }
  }

  private parseRequirement(): Requirement {
    const [key, inferred] = this.parseKeyAndInferOperator();
    if (inferred) return newRequirement(key, inferred, []);
    const op = this.parseOperator();
    const values = op === 'in' || op === 'notin' ? this.parseValues() : this.parseExactValue();
    return newRequirement(key, op, [...values].sort(compareUtf8Order));
  }

  private parseKeyAndInferOperator(): [string, LabelOperator | undefined] {
    let op: LabelOperator | undefined;
    let item = this.consume(Ctx.Values);
    if (item.tok === Tok.DoesNotExist) {
      op = '!';
      item = this.consume(Ctx.Values);
    }
    if (item.tok !== Tok.Identifier) throw new ParseFailure(`found '${item.lit}', expected: identifier`);
    // Kubernetes validates the key here with a nil field path, which Go prints as "<nil>".
    const keyErr = labelKeyError(item.lit, '<nil>');
    if (keyErr) throw new ParseFailure(keyErr.toString(), [keyErr]);
    const next = this.lookahead(Ctx.Values).tok;
    if ((next === Tok.EndOfString || next === Tok.Comma) && op !== '!') op = 'exists';
    return [item.lit, op];
  }

  private parseOperator(): LabelOperator {
    const { tok, lit } = this.consume(Ctx.KeyAndOperator);
    switch (tok) {
      case Tok.In:
        return 'in';
      case Tok.Equals:
        return '=';
      case Tok.DoubleEquals:
        return '==';
      case Tok.GreaterThan:
        return 'gt';
      case Tok.LessThan:
        return 'lt';
      case Tok.NotIn:
        return 'notin';
      case Tok.NotEquals:
        return '!=';
      default:
        throw new ParseFailure(`found '${lit}', expected: ${LABEL_BINARY_OPERATORS.join(', ')}`);
    }
  }

  private parseValues(): Set<string> {
    const open = this.consume(Ctx.Values);
    if (open.tok !== Tok.OpenPar) throw new ParseFailure(`found '${open.lit}' expected: '('`);
    const { tok, lit } = this.lookahead(Ctx.Values);
    if (tok === Tok.Identifier || tok === Tok.Comma) {
      const set = this.parseIdentifiersList();
      // Kubernetes reports the literal it looked at before the list, not the one it found; kept for fidelity.
      if (this.consume(Ctx.Values).tok !== Tok.ClosedPar) throw new ParseFailure(`found '${lit}', expected: ')'`);
      return set;
    }
    if (tok === Tok.ClosedPar) {
      this.consume(Ctx.Values);
      return new Set(['']);
    }
    throw new ParseFailure(`found '${lit}', expected: ',', ')' or identifier`);
  }

  private parseIdentifiersList(): Set<string> {
    const set = new Set<string>();
    for (;;) {
      const { tok, lit } = this.consume(Ctx.Values);
      if (tok === Tok.Identifier) {
        set.add(lit);
        const next = this.lookahead(Ctx.Values);
        if (next.tok === Tok.Comma) continue;
        if (next.tok === Tok.ClosedPar) return set;
        throw new ParseFailure(`found '${next.lit}', expected: ',' or ')'`);
      }
      if (tok !== Tok.Comma) throw new ParseFailure(`found '${lit}', expected: ',', or identifier`);
      if (set.size === 0) set.add(''); // "(,"
      const next = this.lookahead(Ctx.Values).tok;
      if (next === Tok.ClosedPar) {
        set.add(''); // ",)"
        return set;
      }
      if (next === Tok.Comma) set.add(''); // ",,"
    }
  }

  private parseExactValue(): Set<string> {
    const peek = this.lookahead(Ctx.Values).tok;
    if (peek === Tok.EndOfString || peek === Tok.Comma) return new Set(['']);
    const { tok, lit } = this.consume(Ctx.Values);
    if (tok === Tok.Identifier) return new Set([lit]);
    throw new ParseFailure(`found '${lit}', expected: identifier`);
  }
}

/**
 * labels.ParseToRequirements: the requirements of `selector`, sorted by key. Throws SelectorParseError with
 * Kubernetes' message (e.g. `unable to parse requirement: found '', expected: identifier`).
 */
export function parseLabelRequirements(selector: string): Requirement[] {
  if (typeof selector !== 'string') throw new SelectorParseError(`label selector must be a string, got ${typeof selector}`);
  try {
    return new Parser(selector).parse().sort((a, b) => compareUtf8Order(a.key, b.key));
  } catch (err) {
    if (err instanceof ParseFailure) throw new SelectorParseError(err.message, err.causes);
    throw err;
  }
}

/** labels.Parse: the selector `selector` denotes; `''` is everything(). Throws SelectorParseError. */
export function parseLabelSelector(selector: string): Selector {
  return selectorFromRequirements(parseLabelRequirements(selector));
}
