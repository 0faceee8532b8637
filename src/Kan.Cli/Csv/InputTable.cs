using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Kan.Cli.Csv;

/// <summary>
/// Turns CSV text into the row-major input matrix a model reads. With a header, columns are matched to the
/// model's input names (order free, extra columns ignored, missing ones an error naming them); without one,
/// the columns are the inputs in order. Every row must have as many fields as the header (or the inputs).
/// </summary>
public static class InputTable
{
    /// <param name="readerHint">Ends the "header lacks" error: who reads the columns and what to do (default: the model's inputs, and --no-header).</param>
    public static double[] Read(string text, string fileName, IReadOnlyList<string> inputNames, bool hasHeader, out int rows, string? readerHint = null)
    {
        List<CsvRecord> records = CsvReader.Parse(text, fileName);
        int[] columns;
        int width;
        int first;
        if (hasHeader)
        {
            if (records.Count == 0)
            {
                throw new CliException(fileName + " is empty; expected a header row naming the inputs " + string.Join(", ", inputNames));
            }

            CsvRecord header = records[0];
            columns = MatchHeader(header, fileName, inputNames, readerHint);
            width = header.Fields.Count;
            first = 1;
        }
        else
        {
            columns = Enumerable.Range(0, inputNames.Count).ToArray();
            width = inputNames.Count;
            first = 0;
        }

        rows = records.Count - first;
        if (rows == 0)
        {
            throw new CliException(hasHeader ? fileName + " has a header but no data rows" : fileName + " is empty; expected one row per evaluation, one field per input (" + string.Join(", ", inputNames) + ")");
        }

        var values = new double[rows * inputNames.Count];
        for (int r = 0; r < rows; r++)
        {
            CsvRecord record = records[first + r];
            if (record.Fields.Count != width)
            {
                string expected = hasHeader ? width + " fields as in the header" : width + " fields, one per model input (" + string.Join(", ", inputNames) + ")";
                throw new CliException(fileName + "(line " + record.Line + "): expected " + expected + ", found " + record.Fields.Count);
            }

            for (int i = 0; i < columns.Length; i++)
            {
                string cell = record.Fields[columns[i]];
                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
                {
                    throw new CliException(fileName + "(line " + record.Line + ", column " + (columns[i] + 1) + " '" + inputNames[i] + "'): '" + cell + "' is not a number");
                }

                values[r * columns.Length + i] = v;
            }
        }

        return values;
    }

    private static int[] MatchHeader(CsvRecord header, string fileName, IReadOnlyList<string> inputNames, string? readerHint)
    {
        var byName = new Dictionary<string, int>();
        for (int c = 0; c < header.Fields.Count; c++)
        {
            string name = header.Fields[c].Trim();
            if (byName.ContainsKey(name))
            {
                if (inputNames.Contains(name))
                {
                    throw new CliException(fileName + "(line " + header.Line + "): the input column '" + name + "' appears more than once in the header");
                }

                continue;
            }

            byName.Add(name, c);
        }

        var missing = inputNames.Where(n => !byName.ContainsKey(n)).ToList();
        if (missing.Count > 0)
        {
            throw new CliException(fileName + "(line " + header.Line + "): the header lacks the input column(s) " + string.Join(", ", missing) +
                "; " + (readerHint ?? "the model reads " + string.Join(", ", inputNames) + " (use --no-header for a file without a header row)"));
        }

        return inputNames.Select(n => byName[n]).ToArray();
    }
}
