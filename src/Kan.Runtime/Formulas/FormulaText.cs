using System;
using System.Collections.Generic;
using System.Text;

namespace Kan.Formulas
{
    /// <summary>
    /// Compares plain-text formulas ignoring the order of <c>+</c>/<c>-</c> terms at every parenthesis depth, so
    /// <c>exp(x2^2 + sin(3.1416*x1))</c> equals <c>exp(sin(3.1416*x1) + x2^2)</c>. Terms are separated by
    /// <c>" + "</c> or <c>" - "</c> (spaces around), as <see cref="FormulaRenderer"/> writes them.
    /// </summary>
    public static class FormulaText
    {
        public static bool EquivalentIgnoringTermOrder(string a, string b) =>
            string.Equals(Canonicalize(a), Canonicalize(b), StringComparison.Ordinal);

        /// <summary>The text with the terms of every sum sorted (ordinal), each carrying its sign.</summary>
        public static string Canonicalize(string text)
        {
            int at = 0;
            string result = Level(text.Trim(), ref at, '\0');
            return result;
        }

        // Reads until the closing character at this depth; returns the level with its terms sorted.
        private static string Level(string s, ref int at, char close)
        {
            var terms = new List<string>();
            var current = new StringBuilder();
            char sign = '+';
            while (at < s.Length)
            {
                char ch = s[at];
                if (ch == close)
                {
                    break;
                }

                if (ch == '(')
                {
                    at++;
                    current.Append('(').Append(Level(s, ref at, ')')).Append(')');
                    at++; // the ')'
                    continue;
                }

                if (ch == ' ' && at + 2 < s.Length && (s[at + 1] == '+' || s[at + 1] == '-') && s[at + 2] == ' ')
                {
                    terms.Add(sign + current.ToString());
                    current.Clear();
                    sign = s[at + 1];
                    at += 3;
                    continue;
                }

                current.Append(ch);
                at++;
            }

            terms.Add(sign + current.ToString());
            for (int t = 0; t < terms.Count; t++)
            {
                // A leading "-a" written without a space is the same term as " - a".
                if (terms[t].StartsWith("+-", StringComparison.Ordinal))
                {
                    terms[t] = "-" + terms[t].Substring(2);
                }
            }

            terms.Sort(StringComparer.Ordinal);
            return string.Join(" ", terms);
        }
    }
}
