using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Kan.Generator.Emit
{
    /// <summary>
    /// Turns arbitrary model names into safe C# identifiers: letters, digits and '_' only, a leading digit
    /// prefixed, keywords escaped with '@', duplicates numbered. Nothing from a name reaches code unsanitised.
    /// </summary>
    internal static class Identifiers
    {
        /// <summary>A camelCase-preserving identifier: every other character becomes '_'.</summary>
        public static string Sanitize(string name, string fallback)
        {
            var sb = new StringBuilder(name.Length);
            foreach (char c in name)
            {
                sb.Append(IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
            }

            string id = sb.ToString().Trim('_');
            if (id.Length == 0)
            {
                id = fallback;
            }

            if (char.IsDigit(id[0]))
            {
                id = "_" + id;
            }

            return SyntaxFacts.GetKeywordKind(id) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(id) != SyntaxKind.None
                ? "@" + id
                : id;
        }

        /// <summary><c>ball_drag</c> or <c>ball-drag</c> → <c>BallDrag</c>; a leading digit gets a <c>Model</c> prefix.</summary>
        public static string PascalCase(string name)
        {
            var sb = new StringBuilder(name.Length);
            bool upper = true;
            foreach (char c in name)
            {
                if (!IsAsciiLetterOrDigit(c))
                {
                    upper = true;
                    continue;
                }

                sb.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }

            string id = sb.Length == 0 ? "KanModel" : sb.ToString();
            return char.IsDigit(id[0]) ? "Model" + id : id;
        }

        /// <summary>
        /// Sanitises every name and numbers duplicates (<c>x</c>, <c>x_2</c>); names in <paramref name="reserved"/>
        /// are taken already, so generated locals never clash with them.
        /// </summary>
        public static string[] Unique(IReadOnlyList<string> names, string fallbackPrefix, IEnumerable<string> reserved)
        {
            var used = new HashSet<string>(reserved, System.StringComparer.Ordinal);
            var result = new string[names.Count];
            for (int i = 0; i < names.Count; i++)
            {
                string id = Sanitize(names[i], fallbackPrefix + i.ToString(CultureInfo.InvariantCulture));
                string candidate = id;
                for (int n = 2; !used.Add(candidate.TrimStart('@')); n++)
                {
                    candidate = id.TrimStart('@') + "_" + n.ToString(CultureInfo.InvariantCulture);
                }

                result[i] = candidate;
            }

            return result;
        }

        /// <summary>True when <paramref name="name"/> is usable as written for a class name (no '@' needed).</summary>
        public static bool IsPlainIdentifier(string name) =>
            SyntaxFacts.IsValidIdentifier(name) && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None;

        private static bool IsAsciiLetterOrDigit(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
