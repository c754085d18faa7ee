package dev.ddlab.cli.template;

import java.util.ArrayList;
import java.util.List;

/** Splits a template into text and action tokens, following Go's text/template lexer. */
final class Lexer {
  enum Kind {
    TEXT,
    LEFT_DELIM,
    RIGHT_DELIM,
    FIELD,
    VARIABLE,
    IDENTIFIER,
    STRING,
    RAW_STRING,
    CHAR,
    NUMBER,
    BOOL,
    NIL,
    DOT,
    PIPE,
    LEFT_PAREN,
    RIGHT_PAREN,
    DECLARE,
    ASSIGN,
    SPACE,
    COMMA,
    KEYWORD,
    EOF,
    ERROR
  }

  record Token(Kind kind, int pos, String text, int line) {
    @Override
    public String toString() {
      return switch (kind) {
        case EOF -> "EOF";
        case ERROR -> text;
        case KEYWORD -> "<" + text + ">";
        default -> text.length() > 10 ? "\"" + text + "\"" : "\"" + text + "\"";
      };
    }
  }

  private static final List<String> KEYWORDS =
      List.of(
          "if", "else", "end", "range", "with", "define", "template", "block", "break", "continue");

  private final String input;
  private final List<Token> tokens = new ArrayList<>();
  private int pos;
  private int start;
  private int line = 1;
  private int startLine = 1;
  private int parenDepth;

  Lexer(String input) {
    this.input = input;
  }

  List<Token> lex() {
    while (true) {
      if (!lexText()) {
        break;
      }
      if (!lexInsideAction()) {
        break;
      }
    }
    return tokens;
  }

  private void emit(Kind kind) {
    tokens.add(new Token(kind, start, input.substring(start, pos), startLine));
    start = pos;
    startLine = line;
  }

  private void ignore() {
    line += count(input.substring(start, pos));
    start = pos;
    startLine = line;
  }

  private static int count(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\n') {
        n++;
      }
    }
    return n;
  }

  private void error(String message) {
    tokens.add(new Token(Kind.ERROR, start, message, startLine));
  }

  /** Returns false at EOF (after emitting it). */
  private boolean lexText() {
    int x = input.indexOf("{{", pos);
    if (x < 0) {
      pos = input.length();
      if (pos > start) {
        line += count(input.substring(start, pos));
        emit(Kind.TEXT);
      }
      emit(Kind.EOF);
      return false;
    }
    pos = x;
    boolean trim = trimLeft(x);
    int textEnd = pos;
    if (trim) {
      textEnd = trimRightSpace(start, pos);
    }
    if (textEnd > start) {
      String text = input.substring(start, textEnd);
      tokens.add(new Token(Kind.TEXT, start, text, startLine));
    }
    line += count(input.substring(start, pos));
    start = pos;
    startLine = line;
    return true;
  }

  private boolean trimLeft(int at) {
    return at + 3 < input.length() && input.charAt(at + 2) == '-' && isSpace(input.charAt(at + 3));
  }

  private int trimRightSpace(int from, int to) {
    int e = to;
    while (e > from && isSpace(input.charAt(e - 1))) {
      e--;
    }
    return e;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  /** After "{{": lexes one action. Returns false on error/EOF. */
  private boolean lexInsideAction() {
    boolean trim = trimLeft(pos);
    pos += 2;
    if (trim) {
      pos += 2;
    }
    // comment
    int afterSpace = pos;
    if (input.startsWith("/*", afterSpace)) {
      int end = input.indexOf("*/", afterSpace + 2);
      if (end < 0) {
        error("unclosed comment");
        return false;
      }
      pos = end + 2;
      boolean trimR = input.startsWith(" -}}", pos);
      if (!trimR && !input.startsWith("}}", pos)) {
        error("comment ends before closing delimiter");
        return false;
      }
      pos += trimR ? 4 : 2;
      ignore();
      if (trimR) {
        skipSpaceAfterTrim();
      }
      return true;
    }
    emitDelim(Kind.LEFT_DELIM, trim);
    parenDepth = 0;
    while (true) {
      if (atRightDelim()) {
        boolean trimR =
            input.startsWith(" -}}", pos)
                || input.startsWith("\t-}}", pos)
                || input.startsWith("\n-}}", pos)
                || input.startsWith("\r-}}", pos);
        if (parenDepth > 0) {
          error("unclosed left paren");
          return false;
        }
        if (trimR) {
          pos += 1;
          ignore();
          pos += 3;
        } else {
          pos += 2;
        }
        emit(Kind.RIGHT_DELIM);
        if (trimR) {
          skipSpaceAfterTrim();
        }
        return true;
      }
      if (pos >= input.length()) {
        error("unclosed action");
        return false;
      }
      char c = input.charAt(pos);
      if (isSpace(c)) {
        while (pos < input.length() && isSpace(input.charAt(pos)) && !atRightDelim()) {
          if (input.charAt(pos) == '\n') {
            line++;
          }
          pos++;
        }
        if (!atTrimRight()) {
          emit(Kind.SPACE);
        }
        continue;
      }
      if (c == '"') {
        pos++;
        while (true) {
          if (pos >= input.length() || input.charAt(pos) == '\n') {
            error("unterminated quoted string");
            return false;
          }
          char d = input.charAt(pos++);
          if (d == '\\') {
            if (pos >= input.length()) {
              error("unterminated quoted string");
              return false;
            }
            pos++;
          } else if (d == '"') {
            break;
          }
        }
        emit(Kind.STRING);
      } else if (c == '`') {
        int end = input.indexOf('`', pos + 1);
        if (end < 0) {
          error("unterminated raw quoted string");
          return false;
        }
        line += count(input.substring(pos, end));
        pos = end + 1;
        emit(Kind.RAW_STRING);
      } else if (c == '\'') {
        pos++;
        while (true) {
          if (pos >= input.length() || input.charAt(pos) == '\n') {
            error("unterminated character constant");
            return false;
          }
          char d = input.charAt(pos++);
          if (d == '\\') {
            pos++;
          } else if (d == '\'') {
            break;
          }
        }
        emit(Kind.CHAR);
      } else if (c == ':') {
        if (pos + 1 < input.length() && input.charAt(pos + 1) == '=') {
          pos += 2;
          emit(Kind.DECLARE);
        } else {
          error("expected :=");
          return false;
        }
      } else if (c == '=') {
        pos++;
        emit(Kind.ASSIGN);
      } else if (c == '|') {
        pos++;
        emit(Kind.PIPE);
      } else if (c == ',') {
        pos++;
        emit(Kind.COMMA);
      } else if (c == '(') {
        pos++;
        parenDepth++;
        emit(Kind.LEFT_PAREN);
      } else if (c == ')') {
        pos++;
        parenDepth--;
        if (parenDepth < 0) {
          error("unexpected right paren");
          return false;
        }
        emit(Kind.RIGHT_PAREN);
      } else if (c == '$') {
        pos++;
        while (pos < input.length() && isAlnum(input.charAt(pos))) {
          pos++;
        }
        emit(Kind.VARIABLE);
      } else if (c == '.') {
        if (pos + 1 < input.length() && Character.isDigit(input.charAt(pos + 1))) {
          lexNumber();
        } else {
          pos++;
          if (pos < input.length() && isAlnum(input.charAt(pos))) {
            while (pos < input.length() && isAlnum(input.charAt(pos))) {
              pos++;
            }
            emit(Kind.FIELD);
          } else {
            emit(Kind.DOT);
          }
        }
      } else if (c == '+' || c == '-' || Character.isDigit(c)) {
        lexNumber();
      } else if (isAlnum(c)) {
        while (pos < input.length() && isAlnum(input.charAt(pos))) {
          pos++;
        }
        String word = input.substring(start, pos);
        if (KEYWORDS.contains(word)) {
          emit(Kind.KEYWORD);
        } else if (word.equals("true") || word.equals("false")) {
          emit(Kind.BOOL);
        } else if (word.equals("nil")) {
          emit(Kind.NIL);
        } else {
          emit(Kind.IDENTIFIER);
        }
      } else {
        error(String.format("bad character %s", goQuoteRune(c)));
        return false;
      }
    }
  }

  private static String goQuoteRune(char c) {
    return String.format("U+%04X '%c'", (int) c, c);
  }

  private void lexNumber() {
    if (pos < input.length() && (input.charAt(pos) == '+' || input.charAt(pos) == '-')) {
      pos++;
    }
    while (pos < input.length()) {
      char c = input.charAt(pos);
      if (Character.isLetterOrDigit(c) || c == '.' || c == '_') {
        pos++;
      } else if ((c == '+' || c == '-')
          && (input.charAt(pos - 1) == 'e' || input.charAt(pos - 1) == 'E')) {
        pos++;
      } else {
        break;
      }
    }
    emit(Kind.NUMBER);
  }

  private void skipSpaceAfterTrim() {
    while (pos < input.length() && isSpace(input.charAt(pos))) {
      if (input.charAt(pos) == '\n') {
        line++;
      }
      pos++;
    }
    start = pos;
    startLine = line;
  }

  private boolean atRightDelim() {
    return input.startsWith("}}", pos) || atTrimRight();
  }

  private boolean atTrimRight() {
    return pos + 3 < input.length() + 0
        && isSpace(input.charAt(pos))
        && input.startsWith("-}}", pos + 1);
  }

  private void emitDelim(Kind kind, boolean trim) {
    emit(kind);
    if (trim) {
      // the "- " after "{{" has been consumed with the delimiter
    }
  }

  private static boolean isAlnum(char c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }
}
