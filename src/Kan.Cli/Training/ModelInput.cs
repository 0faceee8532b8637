using Kan.Cli.Data;
using Kan.Training;
using System.CommandLine;

namespace Kan.Cli.Training;

/// <summary>Loads the model argument of a command as a trainable network, and its data by the model's names.</summary>
public static class ModelInput
{
    public static Argument<string> Argument(string description = "The .kan model.") => new("model") { Description = description };

    public static KanNetwork Network(KanModel model)
    {
        try
        {
            return KanNetwork.FromModel(model);
        }
        catch (System.ArgumentException e)
        {
            throw new CliException("the model cannot be trained further: " + e.Message);
        }
    }

    public static LoadedData Data(ParseResult parse, DataOptions data, KanModel model, bool requireLabels) =>
        data.Load(parse, model.InputNames, model.OutputNames, requireLabels);
}
