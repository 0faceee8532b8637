using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using Kan.Format;
using Kan.Format.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Kan.Interop.Pykan
{
    /// <summary>
    /// Reads a YAML document (pykan's <c>_config.yml</c>, written by PyYAML) into the located <see cref="JsonValue"/>
    /// tree the rest of the import reads, so a bad value points at its line and column in the YAML file.
    /// Plain scalars are typed as PyYAML types them (integers, floats, booleans, null); quoted ones stay strings.
    /// A <c>!!python/object:module.Class</c> node (PyYAML's dump of a Python object, such as a <c>SiLU</c> module in
    /// <c>base_fun_name</c>) becomes the string <c>module.Class</c>: named, never constructed.
    /// The tree is built from YamlDotNet's event parser without recursion, nesting is limited and an alias shares its
    /// anchor's value instead of copying it, so no input can exhaust the stack or expand exponentially.
    /// </summary>
    internal static class YamlTree
    {
        /// <summary>pykan's configs nest three deep; a SiLU module's state a few more.</summary>
        public const int MaxDepth = 64;

        private const string PythonObjectTag = "tag:yaml.org,2002:python/object:";

        private static readonly Regex IntPattern = new Regex(@"^[-+]?[0-9]+$", RegexOptions.CultureInvariant);

        private static readonly Regex FloatPattern = new Regex(@"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant);

        public static JsonValue Parse(string text, string fileName)
        {
            try
            {
                return Build(new Parser(new System.IO.StringReader(text)), fileName);
            }
            catch (YamlException e)
            {
                throw new KanFormatException(fileName, Position(e.Start), "invalid YAML: " + (e.InnerException?.Message ?? e.Message));
            }
            catch (InvalidOperationException e)
            {
                // YamlDotNet 16's scanner throws this (without a location) on some malformed plain scalars.
                throw new KanFormatException(fileName, new TextPosition(0, 1, 1, 0), "invalid YAML (" + e.Message.TrimEnd('.') + ")");
            }
        }

        private static JsonValue Build(IParser parser, string fileName)
        {
            var open = new Stack<Container>();
            var anchors = new Dictionary<string, JsonValue>(StringComparer.Ordinal);
            JsonValue? root = null;
            int documents = 0;
            while (parser.MoveNext())
            {
                ParsingEvent e = parser.Current!;
                JsonValue? done = null;
                switch (e)
                {
                    case DocumentStart:
                        if (++documents > 1)
                        {
                            throw new KanFormatException(fileName, Position(e.Start), "expected one YAML document, found more");
                        }

                        continue;
                    case MappingStart m:
                        if (PythonClass(m.Tag) is string mapClass)
                        {
                            Skip(parser); // a Python object's state: named by its class, never read
                            done = JsonValue.String(Position(e.Start), mapClass);
                            Remember(anchors, m.Anchor, done);
                            break;
                        }

                        Push(open, new Container(e, m.Anchor, isMap: true), fileName);
                        continue;
                    case SequenceStart s:
                        if (PythonClass(s.Tag) is string seqClass)
                        {
                            Skip(parser);
                            done = JsonValue.String(Position(e.Start), seqClass);
                            Remember(anchors, s.Anchor, done);
                            break;
                        }

                        Push(open, new Container(e, s.Anchor, isMap: false), fileName);
                        continue;
                    case MappingEnd:
                    case SequenceEnd:
                        Container c = open.Pop();
                        done = c.IsMap ? JsonValue.Object(Position(c.Start.Start), c.Members) : JsonValue.Array(Position(c.Start.Start), c.Items);
                        Remember(anchors, c.Anchor, done);
                        break;
                    case Scalar scalar:
                        done = PythonClass(scalar.Tag) is string scalarClass ? JsonValue.String(Position(e.Start), scalarClass) : Value(scalar, Position(e.Start));
                        Remember(anchors, scalar.Anchor, done);
                        break;
                    case AnchorAlias alias:
                        if (!anchors.TryGetValue(alias.Value.Value, out done))
                        {
                            throw new KanFormatException(fileName, Position(e.Start), "alias '*" + alias.Value.Value + "' names no anchor before it");
                        }

                        break;
                    default:
                        continue;
                }

                if (open.Count == 0)
                {
                    root ??= done;
                }
                else
                {
                    open.Peek().Add(done!, e);
                }
            }

            return root ?? JsonValue.Literal(JsonKind.Null, new TextPosition(0, 1, 1, 0));
        }

        private static void Push(Stack<Container> open, Container c, string fileName)
        {
            if (open.Count >= MaxDepth)
            {
                throw new KanFormatException(fileName, Position(c.Start.Start), "the YAML nests deeper than " + MaxDepth + " levels");
            }

            open.Push(c);
        }

        /// <summary>Skips the rest of the collection whose start event was just read.</summary>
        private static void Skip(IParser parser)
        {
            for (int depth = 1; depth > 0 && parser.MoveNext();)
            {
                depth += parser.Current switch
                {
                    MappingStart or SequenceStart => 1,
                    MappingEnd or SequenceEnd => -1,
                    _ => 0,
                };
            }
        }

        private static void Remember(Dictionary<string, JsonValue> anchors, AnchorName anchor, JsonValue value)
        {
            if (!anchor.IsEmpty)
            {
                anchors[anchor.Value] = value;
            }
        }

        /// <summary>The <c>module.Class</c> of a <c>!!python/object:module.Class</c> tag; null for other tags.</summary>
        private static string? PythonClass(TagName tag) =>
            !tag.IsEmpty && tag.Value.StartsWith(PythonObjectTag, StringComparison.Ordinal) ? tag.Value.Substring(PythonObjectTag.Length) : null;

        private static JsonValue Value(Scalar scalar, TextPosition at)
        {
            string text = scalar.Value ?? string.Empty;
            if (scalar.Style != ScalarStyle.Plain)
            {
                return JsonValue.String(at, text);
            }

            switch (text)
            {
                case "true" or "True" or "TRUE":
                    return JsonValue.Literal(JsonKind.True, at);
                case "false" or "False" or "FALSE":
                    return JsonValue.Literal(JsonKind.False, at);
                case "" or "~" or "null" or "Null" or "NULL":
                    return JsonValue.Literal(JsonKind.Null, at);
            }

            if (IntPattern.IsMatch(text) || FloatPattern.IsMatch(text))
            {
                return JsonValue.Number(at, text.TrimStart('+'));
            }

            return JsonValue.String(at, text);
        }

        private static TextPosition Position(Mark mark) =>
            new TextPosition((int)Math.Min(mark.Index, int.MaxValue), (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column), 0);

        /// <summary>A mapping or sequence being read: its items, or its members with the key waiting for a value.</summary>
        private sealed class Container
        {
            private string? _key;
            private TextPosition _keyPosition;

            public Container(ParsingEvent start, AnchorName anchor, bool isMap)
            {
                Start = start;
                Anchor = anchor;
                IsMap = isMap;
            }

            public ParsingEvent Start { get; }

            public AnchorName Anchor { get; }

            public bool IsMap { get; }

            public List<JsonMember> Members { get; } = new List<JsonMember>();

            public List<JsonValue> Items { get; } = new List<JsonValue>();

            public void Add(JsonValue value, ParsingEvent at)
            {
                if (!IsMap)
                {
                    Items.Add(value);
                }
                else if (_key is null)
                {
                    // A key: pykan's are strings; any other key is kept by its text.
                    _key = value.Kind is JsonKind.Object or JsonKind.Array ? "?" : value.Text;
                    _keyPosition = Position(at.Start);
                }
                else
                {
                    Members.Add(new JsonMember(_key, _keyPosition, value));
                    _key = null;
                }
            }
        }
    }
}
