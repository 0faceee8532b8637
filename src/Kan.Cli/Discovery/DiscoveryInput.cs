using System;
using System.Collections.Generic;
using System.Linq;
using Kan.Cli.Csv;

namespace Kan.Cli.Discovery;

/// <summary>The rows of <c>kan discover --data</c>: every column but the target is an input.</summary>
public sealed class DiscoveryInput
{
    private DiscoveryInput(double[,] inputs, double[] target, string[] inputNames, string targetName)
    {
        Inputs = inputs;
        Target = target;
        InputNames = inputNames;
        TargetName = targetName;
    }

    public double[,] Inputs { get; }

    public double[] Target { get; }

    public string[] InputNames { get; }

    public string TargetName { get; }

    /// <summary>Reads <paramref name="path"/> (a CSV with a header); the target is <paramref name="target"/> or the last column.</summary>
    public static DiscoveryInput Read(string path, string? target)
    {
        string text = InputFiles.ReadText(path);
        List<CsvRecord> records = CsvReader.Parse(text, path);
        if (records.Count == 0)
        {
            throw new CliException(path + " is empty; expected a header row naming the columns, the target last (or named by --target)");
        }

        string[] header = records[0].Fields.Select(f => f.Trim()).ToArray();
        if (header.Length < 2)
        {
            throw new CliException(path + "(line 1): expected at least two columns (inputs, then the target), found " + header.Length);
        }

        string? repeated = header.GroupBy(h => h, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).FirstOrDefault();
        if (repeated is not null)
        {
            throw new CliException(path + "(line 1): the column '" + repeated + "' is named twice");
        }

        string targetName = target ?? header[header.Length - 1];
        if (!header.Contains(targetName, StringComparer.Ordinal))
        {
            throw new CliException(path + "(line 1): no column '" + targetName + "' for --target; the columns are " + string.Join(", ", header), ExitCodes.BadInput);
        }

        string[] inputNames = header.Where(h => h != targetName).ToArray();
        string[] names = inputNames.Append(targetName).ToArray();
        double[] rows = InputTable.Read(text, path, names, hasHeader: true, out int count);
        if (count < 20)
        {
            throw new CliException(path + " has " + count + " data row(s); discovery needs at least 20 (a fifth is held out to validate)");
        }

        int width = names.Length;
        var inputs = new double[count, inputNames.Length];
        var y = new double[count];
        for (int r = 0; r < count; r++)
        {
            for (int c = 0; c < width; c++)
            {
                double v = rows[r * width + c];
                if (!double.IsFinite(v))
                {
                    throw new CliException(path + ": data row " + (r + 1) + ", column '" + names[c] + "' is " + v.ToString(System.Globalization.CultureInfo.InvariantCulture) + "; discovery needs finite numbers");
                }

                if (c < inputNames.Length)
                {
                    inputs[r, c] = v;
                }
                else
                {
                    y[r] = v;
                }
            }
        }

        if (y.All(v => v == y[0]))
        {
            throw new CliException(path + ": the target '" + targetName + "' is constant (" + y[0].ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "); there is nothing to discover");
        }

        return new DiscoveryInput(inputs, y, inputNames, targetName);
    }
}
