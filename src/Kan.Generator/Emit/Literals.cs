using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Kan.Generator.Emit
{
    /// <summary>
    /// Numbers and text as C# source, independent of the build machine's culture: round-trip ("R") invariant
    /// digits, always recognisably floating point (<c>1.0</c>, <c>-0.0</c>, <c>1E-05</c>), <c>f</c> in float mode.
    /// </summary>
    internal static class Literals
    {
        public static string Double(double value)
        {
            string text = value.ToString("R", CultureInfo.InvariantCulture);
            return IsPlainInteger(text) ? text + ".0" : text;
        }

        public static string Float(float value)
        {
            string text = value.ToString("R", CultureInfo.InvariantCulture);
            return (IsPlainInteger(text) ? text + ".0" : text) + "f";
        }

        public static string Number(double value, bool asFloat) => asFloat ? Float((float)value) : Double(value);

        public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

        /// <summary>A C# regular string literal, every non-printable or non-ASCII character escaped.</summary>
        public static string String(string value)
        {
            var sb = new StringBuilder(value.Length + 2);
            sb.Append('"');
            foreach (char c in value)
            {
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    default:
                        if (c < 0x20 || c > 0x7E)
                        {
                            sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            sb.Append(c);
                        }

                        break;
                }
            }

            return sb.Append('"').ToString();
        }

        /// <summary>
        /// Numbers as one C# string literal: each as the 64 bits of its double (rounded to float first in float mode,
        /// so the decoded double converts back exactly) in four UTF-16 chars, least significant first. Chars that
        /// would end the literal or the line, lone surrogates (not encodable in the UTF-8 file), invisible or
        /// direction-changing format chars and non-characters are written as <c>\uXXXX</c>; the rest as they are,
        /// which keeps the source near 12 bytes per number and the string 8 bytes per number in the assembly.
        /// </summary>
        public static string Data(IEnumerable<double> values, bool asFloat)
        {
            var sb = new StringBuilder();
            sb.Append('"');
            foreach (double value in values)
            {
                long bits = BitConverter.DoubleToInt64Bits(asFloat ? (float)value : value);
                for (int part = 0; part < 4; part++)
                {
                    char c = (char)(bits >> (16 * part) & 0xFFFF);
                    if (NeedsEscape(c))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                }
            }

            return sb.Append('"').ToString();
        }

        private static bool NeedsEscape(char c) =>
            c < 0x20 || c == '"' || c == '\\' || (c >= 0x7F && c <= 0xA0) || (c >= 0xD800 && c <= 0xDFFF) || c >= 0xFFF0 ||
            (c >= 0x2000 && c <= 0x206F) || c == 0x00AD || c == 0x061C || c == 0xFEFF || (c >= 0xFDD0 && c <= 0xFDEF) ||
            char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator or UnicodeCategory.Control;

        /// <summary>
        /// Text for a <c>///</c> XML doc comment: XML-escaped, and line breaks (any Unicode newline) flattened
        /// to spaces so nothing can leave the comment.
        /// </summary>
        public static string XmlDoc(string value)
        {
            var sb = new StringBuilder(value.Length);
            foreach (char c in value)
            {
                switch (c)
                {
                    case '&': sb.Append("&amp;"); break;
                    case '<': sb.Append("&lt;"); break;
                    case '>': sb.Append("&gt;"); break;
                    case '"': sb.Append("&quot;"); break;
                    case '\'': sb.Append("&apos;"); break;
                    default:
                        sb.Append(char.IsControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085' ? ' ' : c);
                        break;
                }
            }

            return sb.ToString();
        }

        private static bool IsPlainInteger(string text)
        {
            foreach (char c in text)
            {
                if (c == '.' || c == 'E' || c == 'e' || c == 'N' || c == 'I')
                {
                    return false;
                }
            }

            return true;
        }
    }
}
