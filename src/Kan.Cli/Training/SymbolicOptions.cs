using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using Kan.Training;
using Kan.Training.Symbolic;

namespace Kan.Cli.Training;

/// <summary>The options <c>symbolic suggest</c> and <c>symbolic auto</c> share: the candidate library and pykan's simplicity weight.</summary>
public sealed class SymbolicOptions
{
    public Option<string?> Lib { get; } = new("--lib") { Description = "Candidate functions, comma separated (e.g. x,x^2,sin,exp); default the whole library: " + string.Join(",", SymbolicLibrary.Default.Names) + "." };

    public Option<double> WeightSimple { get; } = new("--weight-simple") { Description = "pykan weight_simple: score = w*complexity + (1-w)*log2(1+1e-5-r2); lower is better.", DefaultValueFactory = _ => 0.8 };

    public void AddTo(Command command)
    {
        command.Add(Lib);
        command.Add(WeightSimple);
    }

    /// <summary>The named functions, or null for all; an unknown name is an error listing the library.</summary>
    public IReadOnlyList<string>? Library(ParseResult parse)
    {
        string? text = parse.GetValue(Lib);
        if (text is null)
        {
            return null;
        }

        string[] names = text.Split(',').Select(n => n.Trim()).ToArray();
        foreach (string name in names)
        {
            if (!SymbolicLibrary.Default.TryGet(name, out _))
            {
                throw new CliException("unknown symbolic function '" + name + "' in --lib; known: " + string.Join(", ", SymbolicLibrary.Default.Names), ExitCodes.Usage);
            }
        }

        return names;
    }

    public double Weight(ParseResult parse)
    {
        double w = parse.GetValue(WeightSimple);
        if (!(w >= 0 && w <= 1))
        {
            throw new CliException("--weight-simple must be between 0 and 1", ExitCodes.Usage);
        }

        return w;
    }

    /// <summary>Parses <c>l,i,j</c> (layer, input, subnode) and checks it against the network's shape.</summary>
    public static (int L, int I, int J) ParseEdge(string text, KanNetwork network)
    {
        string[] parts = text.Split(',');
        var v = new int[3];
        if (parts.Length != 3 || parts.Select((p, n) => int.TryParse(p.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out v[n])).Any(ok => !ok))
        {
            throw new CliException("bad --edge '" + text + "': expected l,i,j (layer, input, output node), three whole numbers such as 0,1,0", ExitCodes.Usage);
        }

        if (v[0] >= network.LayerCount)
        {
            throw new CliException("--edge " + text + " is out of range: the model has " + network.LayerCount + " layer(s), 0.." + (network.LayerCount - 1));
        }

        NetworkLayer layer = network.Layers[v[0]];
        if (v[1] >= layer.InputCount || v[2] >= layer.SubnodeCount)
        {
            throw new CliException("--edge " + text + " is out of range: layer " + v[0] + " has inputs 0.." + (layer.InputCount - 1) + " and outputs 0.." + (layer.SubnodeCount - 1));
        }

        return (v[0], v[1], v[2]);
    }

    /// <summary>Runs one edge's fit; an edge no data row reaches with finite values is the user's bad input, not a crash.</summary>
    public static T OnFiniteRows<T>(Func<T> fit)
    {
        try
        {
            return fit();
        }
        catch (NonFiniteActivationsException e)
        {
            throw new CliException(e.Message);
        }
    }

    public static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
