namespace Kan.Samples.Tests;

/// <summary>
/// Tests that read process-wide counters (GC collection counts) run in this collection, which xunit runs alone,
/// after the parallel ones: a QuickStart training run in another class would otherwise trigger the collections.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideMeasurements
{
    public const string Name = "process-wide measurements";
}
