using Kan.Training;

namespace Kan.Cli.Data;

/// <summary>A dataset read for a command, with a one-line description for the model's metadata and the console.</summary>
public sealed class LoadedData
{
    public LoadedData(Dataset dataset, string description, bool hasLabels)
    {
        Dataset = dataset;
        Description = description;
        HasLabels = hasLabels;
    }

    public Dataset Dataset { get; }

    /// <summary>Where the rows came from, e.g. <c>formula toy: f = exp(...) ..., 1000 train / 1000 test rows, seed 0</c>.</summary>
    public string Description { get; }

    /// <summary>False when only the inputs were available (a CSV without the output columns): fine for pruning, plotting and suggestions, not for fitting.</summary>
    public bool HasLabels { get; }
}
