using System.Collections.Generic;
using System.Globalization;
using Kan.Training;

namespace Kan.Cli.Training;

/// <summary>
/// pykan's width notation on the command line: <c>2,5,1</c> (optionally in brackets, <c>[2,5,1]</c>), where a
/// layer with multiplication nodes is <c>[n_sum,n_mult]</c>, e.g. <c>2,[3,2],1</c>. Spaces are ignored.
/// </summary>
public static class WidthSyntax
{
    public static LayerWidth[] Parse(string text)
    {
        string s = text.Replace(" ", string.Empty);
        if (s.Length > 1 && s[0] == '[' && MatchingBracket(s, 0) == s.Length - 1)
        {
            s = s.Substring(1, s.Length - 2);
        }

        var widths = new List<LayerWidth>();
        int i = 0;
        while (true)
        {
            if (i < s.Length && s[i] == '[')
            {
                int close = MatchingBracket(s, i);
                string[] pair = close < 0 ? new string[0] : s.Substring(i + 1, close - i - 1).Split(',');
                if (pair.Length != 2 || !TryCount(pair[0], out int sum) || !TryCount(pair[1], out int mult) || sum + mult == 0)
                {
                    throw Bad(text, "a layer with multiplication nodes is [n_sum,n_mult] with two whole numbers, not zero nodes in all");
                }

                widths.Add(new LayerWidth(sum, mult));
                i = close + 1;
            }
            else
            {
                int end = s.IndexOf(',', i);
                string item = end < 0 ? s.Substring(i) : s.Substring(i, end - i);
                if (!TryCount(item, out int n) || n == 0)
                {
                    throw Bad(text, "'" + item + "' is not a positive whole number");
                }

                widths.Add(new LayerWidth(n));
                i += item.Length;
            }

            if (i == s.Length)
            {
                break;
            }

            if (s[i] != ',')
            {
                throw Bad(text, "expected a comma after entry " + widths.Count);
            }

            i++;
        }

        if (widths.Count < 2)
        {
            throw Bad(text, "a network needs at least an input and an output width");
        }

        if (widths[0].Mult != 0)
        {
            throw Bad(text, "the input layer cannot have multiplication nodes");
        }

        return widths.ToArray();
    }

    public static string Format(IReadOnlyList<LayerWidth> widths) => "[" + string.Join(",", widths) + "]";

    private static int MatchingBracket(string s, int open)
    {
        int depth = 0;
        for (int i = open; i < s.Length; i++)
        {
            depth += s[i] == '[' ? 1 : s[i] == ']' ? -1 : 0;
            if (depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool TryCount(string s, out int n) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out n);

    private static CliException Bad(string text, string why) => new("bad --width '" + text + "': " + why + " (e.g. 2,5,1 or 2,[3,2],1)", ExitCodes.Usage);
}
