using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Kan.Cli.Inspection;
using Kan.Format;
using Kan.Interop;

namespace Kan.Cli.Commands;

/// <summary>What the import commands share: option lists, the user's option errors, writing the model and its notes.</summary>
internal static class ImportReport
{
    /// <summary>Runs an importer; an <see cref="ArgumentException"/> is the user's options not fitting the file (exit 2).</summary>
    public static PykanImport Run(Func<PykanImport> import)
    {
        try
        {
            return import();
        }
        catch (ArgumentException e)
        {
            throw new CliException(e.Message, ExitCodes.Usage);
        }
    }

    /// <summary>Writes the model to <paramref name="target"/>, then says what was read and written, and prints the importer's notes.</summary>
    public static int Write(CliContext context, PykanImport import, string target)
    {
        KanFile.Write(import.Model, target);
        foreach (string note in import.Notes)
        {
            context.Error.WriteLine("note: " + note);
        }

        KanModel model = import.Model;
        context.Output.WriteLine("wrote " + target + " from " + string.Join(" + ", import.Sources) + ": " + ModelSummary.Shape(model) + ", " +
                                 model.InputCount + " input(s), " + model.OutputCount + " output(s)");
        return ExitCodes.Success;
    }

    /// <summary>A comma-separated option value as whole numbers (<c>--input-id 0,2</c>).</summary>
    public static ImmutableArray<int> Ints(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ImmutableArray<int>.Empty;
        }

        var parts = text.Split(',');
        var result = ImmutableArray.CreateBuilder<int>(parts.Length);
        foreach (string part in parts)
        {
            if (!int.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int v))
            {
                throw new CliException(option + " '" + text + "' must list whole numbers separated by commas, e.g. 0,2", ExitCodes.Usage);
            }

            result.Add(v);
        }

        return result.MoveToImmutable();
    }

    /// <summary>A comma-separated list of distinct, non-empty names (<c>--inputs a,b</c>).</summary>
    public static ImmutableArray<string> Names(string? text, string option)
    {
        if (text is null)
        {
            return ImmutableArray<string>.Empty;
        }

        var names = text.Split(',').Select(n => n.Trim()).ToImmutableArray();
        if (names.Any(n => n.Length == 0) || names.Distinct(StringComparer.Ordinal).Count() != names.Length)
        {
            throw new CliException(option + " '" + text + "' must list distinct, non-empty names separated by commas", ExitCodes.Usage);
        }

        return names;
    }
}
