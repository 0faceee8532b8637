using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using Kan.Format;
using Kan.Training;

namespace Kan.Cli.Training;

/// <summary>
/// What the training commands record in a model's metadata and how they save it: <c>history</c> (every kan command
/// that produced the model, separated by <c> | </c>), <c>dataset</c> (the rows last used) and <c>train_rmse</c> /
/// <c>test_rmse</c> (measured on them after the command).
/// </summary>
public static class ModelRecord
{
    public const string HistoryKey = "history";

    /// <summary>The command line as typed, e.g. <c>kan train --formula toy -o toy.kan</c>.</summary>
    public static string CommandLine(ParseResult parse) =>
        "kan " + string.Join(" ", parse.Tokens.Select(t => t.Value.Length == 0 || t.Value.Any(char.IsWhiteSpace) ? "\"" + t.Value + "\"" : t.Value));

    public static void Set(KanNetwork network, string key, string value)
    {
        int index = network.Metadata.FindIndex(p => p.Key == key);
        var pair = new KeyValuePair<string, string>(key, value);
        if (index < 0)
        {
            network.Metadata.Add(pair);
        }
        else
        {
            network.Metadata[index] = pair;
        }
    }

    /// <summary>Appends this command to the history and records the data and the errors measured on it.</summary>
    public static void Record(KanNetwork network, ParseResult parse, string dataset, double trainRmse, double testRmse)
    {
        string? previous = network.Metadata.Where(p => p.Key == HistoryKey).Select(p => p.Value).FirstOrDefault();
        Set(network, HistoryKey, previous is null ? CommandLine(parse) : previous + " | " + CommandLine(parse));
        Set(network, "dataset", dataset);
        if (!double.IsNaN(trainRmse))
        {
            Set(network, "train_rmse", Inspection.ModelSummary.Invariant(trainRmse));
            Set(network, "test_rmse", Inspection.ModelSummary.Invariant(testRmse));
        }
    }

    /// <summary>pykan's RMSE: the square root of the mean squared error over every row and output.</summary>
    public static double Rmse(KanNetwork network, double[,] inputs, double[,] labels)
    {
        if (labels.Length == 0)
        {
            return double.NaN;
        }

        double[,] predicted = network.Forward(inputs);
        double sum = 0;
        foreach (var (p, y) in predicted.Cast<double>().Zip(labels.Cast<double>(), (p, y) => (p, y)))
        {
            sum += (p - y) * (p - y);
        }

        return Math.Sqrt(sum / labels.Length);
    }

    /// <summary>Writes the model atomically (<see cref="KanFile.Write"/>: a temporary file, then a rename).</summary>
    public static KanModel Save(KanNetwork network, string path)
    {
        KanModel model = network.ToModel();
        OutputFiles.Write(path, p => KanFile.Write(model, p));
        return model;
    }
}
