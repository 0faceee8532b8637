// Shared source: compiled into Kan.Runtime and Kan.Generator.
using System.Collections.Generic;
using System.Globalization;

namespace Kan.Format.Json
{
    /// <summary>
    /// Typed, located access to one JSON object's fields: every getter names the field and the expected
    /// shape in its error, and <see cref="RejectUnknown"/> makes extra fields an error too (a typo such as
    /// <c>"scale_bse"</c> must not silently fall back to a default).
    /// </summary>
    public sealed class JsonObjectReader
    {
        private readonly Dictionary<string, JsonMember> _members = new Dictionary<string, JsonMember>();
        private readonly string _fileName;
        private readonly string _what;
        private readonly string[] _known;

        public JsonObjectReader(JsonValue value, string fileName, string what, params string[] known)
        {
            _fileName = fileName;
            _what = what;
            _known = known;
            Value = value;
            if (value.Kind != JsonKind.Object)
            {
                throw Error(value.Position, what + " must be an object, found " + JsonValue.Describe(value.Kind));
            }

            foreach (var m in value.Members)
            {
                _members[m.Name] = m;
            }
        }

        public JsonValue Value { get; }

        public void RejectUnknown()
        {
            foreach (var m in Value.Members)
            {
                if (System.Array.IndexOf(_known, m.Name) < 0)
                {
                    throw Error(m.NamePosition, "unknown field '" + m.Name + "' in " + _what + "; expected one of: " + string.Join(", ", _known));
                }
            }
        }

        public JsonValue Required(string name)
        {
            if (!_members.TryGetValue(name, out var m))
            {
                throw Error(Value.Position, _what + " is missing the required field '" + name + "'");
            }

            return m.Value;
        }

        public JsonValue? Optional(string name) => _members.TryGetValue(name, out var m) ? m.Value : null;

        public KanFormatException Error(TextPosition position, string detail) => new KanFormatException(_fileName, position, detail);

        public string String(JsonValue v, string field)
        {
            if (v.Kind != JsonKind.String)
            {
                throw Error(v.Position, "'" + field + "' must be a string, found " + JsonValue.Describe(v.Kind));
            }

            return v.Text;
        }

        public double Double(JsonValue v, string field)
        {
            if (v.Kind != JsonKind.Number)
            {
                throw Error(v.Position, "'" + field + "' must be a finite number, found " + JsonValue.Describe(v.Kind));
            }

            double d = double.Parse(v.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (double.IsInfinity(d) || double.IsNaN(d))
            {
                throw Error(v.Position, "'" + field + "' is " + v.Text + ", which is outside the range of a double");
            }

            return d;
        }

        public int Int(JsonValue v, string field, int min, int max)
        {
            if (v.Kind != JsonKind.Number)
            {
                throw Error(v.Position, "'" + field + "' must be a whole number, found " + JsonValue.Describe(v.Kind));
            }

            if (!long.TryParse(v.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n))
            {
                throw Error(v.Position, "'" + field + "' must be a whole number from " + min + " to " + max + ", found " + v.Text);
            }

            if (n < min || n > max)
            {
                throw Error(v.Position, "'" + field + "' must be from " + min + " to " + max + ", found " + v.Text);
            }

            return (int)n;
        }

        /// <summary>An array of exactly <paramref name="length"/> items (any length when negative).</summary>
        public IReadOnlyList<JsonValue> Array(JsonValue v, string field, int length, string shape)
        {
            if (v.Kind != JsonKind.Array)
            {
                throw Error(v.Position, "'" + field + "' must be an array " + shape + ", found " + JsonValue.Describe(v.Kind));
            }

            if (length >= 0 && v.Items.Count != length)
            {
                throw Error(v.Position, "'" + field + "' must have " + length + " entries " + shape + ", found " + v.Items.Count);
            }

            return v.Items;
        }
    }
}
