// Shared source: compiled into Kan.Runtime and Kan.Generator.
using System.Collections.Generic;
using System.Text;

namespace Kan.Format.Json
{
    /// <summary>
    /// A strict RFC 8259 parser that keeps positions. Hand-written because the generator may carry no
    /// package (System.Text.Json is not loadable in every compiler host) and because every error must
    /// say line and column. Nesting is capped so a hostile file cannot overflow the stack.
    /// </summary>
    public sealed class JsonParser
    {
        public const int MaxDepth = 64;

        private readonly string _text;
        private readonly string _fileName;
        private int _pos;
        private int _line = 1;
        private int _lineStart;

        private JsonParser(string text, string fileName)
        {
            _text = text;
            _fileName = fileName;
        }

        public static JsonValue Parse(string text, string fileName)
        {
            var parser = new JsonParser(text, fileName);
            parser.SkipWhitespace();
            if (parser._pos >= text.Length)
            {
                throw parser.Error(parser.Here(0), "the file is empty; expected a JSON object");
            }

            JsonValue root = parser.ParseValue(0);
            parser.SkipWhitespace();
            if (parser._pos < text.Length)
            {
                throw parser.Error(parser.Here(1), "unexpected text after the end of the JSON document");
            }

            return root;
        }

        private JsonValue ParseValue(int depth)
        {
            if (depth > MaxDepth)
            {
                throw Error(Here(1), "nesting deeper than " + MaxDepth + " levels");
            }

            if (_pos >= _text.Length)
            {
                throw Error(Here(0), "unexpected end of file; expected a value");
            }

            char c = _text[_pos];
            switch (c)
            {
                case '{':
                    return ParseObject(depth);
                case '[':
                    return ParseArray(depth);
                case '"':
                {
                    TextPosition start = Here(0);
                    string s = ParseString();
                    return JsonValue.String(Span(start), s);
                }
                case 't':
                    return ParseLiteral("true", JsonKind.True);
                case 'f':
                    return ParseLiteral("false", JsonKind.False);
                case 'n':
                    return ParseLiteral("null", JsonKind.Null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        return ParseNumber();
                    }

                    if (c == 'N' || c == 'I' || c == '+')
                    {
                        throw Error(Here(Word()), "'" + _text.Substring(_pos, Word()) + "' is not a JSON number; every number must be finite");
                    }

                    throw Error(Here(1), "unexpected character '" + Printable(c) + "'; expected a value");
            }
        }

        private JsonValue ParseObject(int depth)
        {
            TextPosition start = Here(1);
            _pos++;
            var members = new List<JsonMember>();
            var seen = new HashSet<string>();
            SkipWhitespace();
            if (Peek() == '}')
            {
                _pos++;
                return JsonValue.Object(Span(start), members);
            }

            while (true)
            {
                SkipWhitespace();
                if (Peek() != '"')
                {
                    throw Error(Here(1), _pos >= _text.Length ? "unexpected end of file; expected a field name" : "expected a field name in double quotes");
                }

                TextPosition nameStart = Here(0);
                string name = ParseString();
                TextPosition namePos = Span(nameStart);
                if (!seen.Add(name))
                {
                    throw Error(namePos, "duplicate field '" + name + "'");
                }

                SkipWhitespace();
                Expect(':', "expected ':' after a field name");
                SkipWhitespace();
                JsonValue value = ParseValue(depth + 1);
                members.Add(new JsonMember(name, namePos, value));
                SkipWhitespace();
                char c = Peek();
                if (c == ',')
                {
                    _pos++;
                    continue;
                }

                if (c == '}')
                {
                    _pos++;
                    return JsonValue.Object(Span(start), members);
                }

                throw Error(Here(1), _pos >= _text.Length ? "unexpected end of file; expected ',' or '}'" : "expected ',' or '}'");
            }
        }

        private JsonValue ParseArray(int depth)
        {
            TextPosition start = Here(1);
            _pos++;
            var items = new List<JsonValue>();
            SkipWhitespace();
            if (Peek() == ']')
            {
                _pos++;
                return JsonValue.Array(Span(start), items);
            }

            while (true)
            {
                SkipWhitespace();
                items.Add(ParseValue(depth + 1));
                SkipWhitespace();
                char c = Peek();
                if (c == ',')
                {
                    _pos++;
                    continue;
                }

                if (c == ']')
                {
                    _pos++;
                    return JsonValue.Array(Span(start), items);
                }

                throw Error(Here(1), _pos >= _text.Length ? "unexpected end of file; expected ',' or ']'" : "expected ',' or ']'");
            }
        }

        private JsonValue ParseLiteral(string word, JsonKind kind)
        {
            if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0)
            {
                throw Error(Here(Word()), "unexpected '" + _text.Substring(_pos, Word()) + "'; expected a value");
            }

            TextPosition pos = Here(word.Length);
            _pos += word.Length;
            return JsonValue.Literal(kind, pos);
        }

        private JsonValue ParseNumber()
        {
            int start = _pos;
            TextPosition startPos = Here(0);
            if (Peek() == '-')
            {
                _pos++;
            }

            if (Peek() == '0')
            {
                _pos++;
            }
            else if (IsDigit(Peek()))
            {
                while (IsDigit(Peek()))
                {
                    _pos++;
                }
            }
            else
            {
                // Point at the whole word including its sign, e.g. "-Infinity", not at what follows the '-'.
                int length = System.Math.Min(_pos - start + Word(), _text.Length - start);
                _pos = start;
                throw Error(Here(length), "'" + _text.Substring(start, length) + "' is not a JSON number; every number must be finite");
            }

            if (Peek() == '.')
            {
                _pos++;
                if (!IsDigit(Peek()))
                {
                    throw Error(Here(1), "expected a digit after the decimal point");
                }

                while (IsDigit(Peek()))
                {
                    _pos++;
                }
            }

            if (Peek() == 'e' || Peek() == 'E')
            {
                _pos++;
                if (Peek() == '+' || Peek() == '-')
                {
                    _pos++;
                }

                if (!IsDigit(Peek()))
                {
                    throw Error(Here(1), "expected a digit in the exponent");
                }

                while (IsDigit(Peek()))
                {
                    _pos++;
                }
            }

            return JsonValue.Number(new TextPosition(startPos.Offset, startPos.Line, startPos.Column, _pos - start), _text.Substring(start, _pos - start));
        }

        private string ParseString()
        {
            TextPosition open = Here(1);
            _pos++;
            var sb = new StringBuilder();
            while (true)
            {
                if (_pos >= _text.Length)
                {
                    throw Error(open, "unterminated string");
                }

                char c = _text[_pos];
                if (c == '"')
                {
                    _pos++;
                    return sb.ToString();
                }

                if (c == '\\')
                {
                    _pos++;
                    char e = Peek();
                    switch (e)
                    {
                        case '"': sb.Append('"'); break;
                        case '\\': sb.Append('\\'); break;
                        case '/': sb.Append('/'); break;
                        case 'b': sb.Append('\b'); break;
                        case 'f': sb.Append('\f'); break;
                        case 'n': sb.Append('\n'); break;
                        case 'r': sb.Append('\r'); break;
                        case 't': sb.Append('\t'); break;
                        case 'u':
                        {
                            if (_pos + 4 >= _text.Length || !IsHex(_text[_pos + 1]) || !IsHex(_text[_pos + 2]) || !IsHex(_text[_pos + 3]) || !IsHex(_text[_pos + 4]))
                            {
                                throw Error(Here(1), "expected four hex digits after \\u");
                            }

                            sb.Append((char)System.Convert.ToInt32(_text.Substring(_pos + 1, 4), 16));
                            _pos += 4;
                            break;
                        }

                        default:
                            throw Error(Here(1), "invalid escape sequence in a string");
                    }

                    _pos++;
                    continue;
                }

                if (c < ' ')
                {
                    throw Error(Here(1), c == '\n' ? "unterminated string (a line break inside a string)" : "control character inside a string; escape it");
                }

                sb.Append(c);
                _pos++;
            }
        }

        private void Expect(char c, string message)
        {
            if (Peek() != c)
            {
                throw Error(Here(1), _pos >= _text.Length ? "unexpected end of file; " + message : message);
            }

            _pos++;
        }

        private void SkipWhitespace()
        {
            while (_pos < _text.Length)
            {
                char c = _text[_pos];
                if (c == '\n')
                {
                    _pos++;
                    _line++;
                    _lineStart = _pos;
                }
                else if (c == ' ' || c == '\t' || c == '\r' || c == '\uFEFF')
                {
                    _pos++;
                }
                else
                {
                    return;
                }
            }
        }

        private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

        private int Word()
        {
            int end = _pos;
            while (end < _text.Length && end - _pos < 40 && (char.IsLetterOrDigit(_text[end]) || _text[end] == '+' || _text[end] == '-' || _text[end] == '.'))
            {
                end++;
            }

            return System.Math.Max(1, end - _pos);
        }

        private TextPosition Here(int length) =>
            new TextPosition(_pos, _line, _pos - _lineStart + 1, System.Math.Min(length, System.Math.Max(0, _text.Length - _pos)));

        // Values never span line breaks except objects and arrays, whose span is the opening bracket onward.
        private TextPosition Span(TextPosition start) =>
            new TextPosition(start.Offset, start.Line, start.Column, _pos - start.Offset);

        private KanFormatException Error(TextPosition position, string detail) => new KanFormatException(_fileName, position, detail);

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private static bool IsHex(char c) => IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

        private static string Printable(char c) => c < ' ' || c > '~' ? "\\u" + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture) : c.ToString();
    }
}
