using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Kan.Cli.Csv;

/// <summary>Writes RFC 4180 records with LF line ends; numbers in round-trip ("R") invariant form, so reading gives back the same bits.</summary>
public static class CsvWriter
{
    public static void WriteRecord(TextWriter writer, IEnumerable<string> fields)
    {
        bool first = true;
        foreach (string f in fields)
        {
            if (!first)
            {
                writer.Write(',');
            }

            writer.Write(Quote(f));
            first = false;
        }

        writer.Write('\n');
    }

    public static string FormatNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Quotes a field only when it must be: it holds a comma, quote or line break, or starts/ends with a space.</summary>
    public static string Quote(string field)
    {
        bool needs = field.IndexOfAny(new[] { ',', '"', '\r', '\n' }) >= 0 ||
            (field.Length > 0 && (field[0] == ' ' || field[field.Length - 1] == ' '));
        return needs ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
    }
}
