using Kan.Format;
using Kan.Format.Json;

namespace Kan.Generator.Diagnostics
{
    /// <summary>
    /// Where a value sits in a <c>.kan</c> file's text, found by a path of member names and array indices. The model
    /// keeps no positions (it would stop being cheap to compare), so only error paths re-read the text for them.
    /// </summary>
    internal static class ValueLocator
    {
        /// <summary>The position of the value at <paramref name="path"/> (strings name members, ints index arrays), or null.</summary>
        public static TextPosition? Find(string text, string fileName, params object[] path)
        {
            JsonValue? value = JsonParser.Parse(text, fileName);
            foreach (object step in path)
            {
                value = step is int index ? Item(value, index) : Member(value, (string)step);
                if (value is null)
                {
                    return null;
                }
            }

            return value.Position;
        }

        private static JsonValue? Item(JsonValue? value, int index) =>
            value is { Kind: JsonKind.Array } && index >= 0 && index < value.Items.Count ? value.Items[index] : null;

        private static JsonValue? Member(JsonValue? value, string name)
        {
            if (value is { Kind: JsonKind.Object })
            {
                foreach (JsonMember member in value.Members)
                {
                    if (member.Name == name)
                    {
                        return member.Value;
                    }
                }
            }

            return null;
        }
    }
}
