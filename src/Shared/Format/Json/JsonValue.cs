// Shared source: compiled into Kan.Runtime and Kan.Generator (netstandard2.0, no package dependencies).
using System.Collections.Generic;

namespace Kan.Format.Json
{
    /// <summary>The kinds of JSON value the <c>.kan</c> reader distinguishes.</summary>
    public enum JsonKind
    {
        Object,
        Array,
        String,
        Number,
        True,
        False,
        Null,
    }

    /// <summary>
    /// A parsed JSON value that remembers where it stood in the text, so every later check
    /// (a wrong length, a bad knot) can point at the exact line and column.
    /// </summary>
    public sealed class JsonValue
    {
        private JsonValue(JsonKind kind, TextPosition position)
        {
            Kind = kind;
            Position = position;
        }

        public JsonKind Kind { get; }

        public TextPosition Position { get; }

        /// <summary>Members in file order; only for <see cref="JsonKind.Object"/>.</summary>
        public IReadOnlyList<JsonMember> Members { get; private set; } = System.Array.Empty<JsonMember>();

        /// <summary>Items in file order; only for <see cref="JsonKind.Array"/>.</summary>
        public IReadOnlyList<JsonValue> Items { get; private set; } = System.Array.Empty<JsonValue>();

        /// <summary>The decoded string, or the number's source text for <see cref="JsonKind.Number"/>.</summary>
        public string Text { get; private set; } = "";

        internal static JsonValue Object(TextPosition position, List<JsonMember> members) =>
            new JsonValue(JsonKind.Object, position) { Members = members };

        internal static JsonValue Array(TextPosition position, List<JsonValue> items) =>
            new JsonValue(JsonKind.Array, position) { Items = items };

        internal static JsonValue String(TextPosition position, string text) =>
            new JsonValue(JsonKind.String, position) { Text = text };

        internal static JsonValue Number(TextPosition position, string text) =>
            new JsonValue(JsonKind.Number, position) { Text = text };

        internal static JsonValue Literal(JsonKind kind, TextPosition position) => new JsonValue(kind, position);

        public static string Describe(JsonKind kind) => kind switch
        {
            JsonKind.Object => "an object",
            JsonKind.Array => "an array",
            JsonKind.String => "a string",
            JsonKind.Number => "a number",
            JsonKind.True => "true",
            JsonKind.False => "false",
            _ => "null",
        };
    }

    /// <summary>One <c>"name": value</c> pair of an object.</summary>
    public sealed class JsonMember
    {
        public JsonMember(string name, TextPosition namePosition, JsonValue value)
        {
            Name = name;
            NamePosition = namePosition;
            Value = value;
        }

        public string Name { get; }

        public TextPosition NamePosition { get; }

        public JsonValue Value { get; }
    }
}
