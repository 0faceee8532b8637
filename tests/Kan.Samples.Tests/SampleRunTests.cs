using System;
using System.IO;
using System.Reflection;
using Kan.Format;
using Kan.Formulas;

namespace Kan.Samples.Tests;

/// <summary>Every sample's Main runs here, so CI proves the README's main command and the other samples work.</summary>
public class SampleRunTests
{
    private static int RunMain(string assemblyName, params string[] args)
    {
        MethodInfo entry = Assembly.Load(assemblyName).EntryPoint!;
        object? result = entry.Invoke(null, new object[] { args });
        return result is int code ? code : 0;
    }

    [Fact]
    public void QuickStart_trains_snaps_and_writes_the_model_and_plot()
    {
        string dir = Path.Combine(Path.GetTempPath(), "kan-quickstart-" + Guid.NewGuid().ToString("N"));
        try
        {
            RunMain("QuickStart", dir).ShouldBe(0);
            KanModel model = KanFile.Read(Path.Combine(dir, "hello.kan"));
            model.Widths.ShouldBe(new[] { 2, 1, 1 });
            string formula = model.GetMetadata("formula")!;
            FormulaText.EquivalentIgnoringTermOrder(formula, "exp(sin(3.1416*x) + y^2)").ShouldBeTrue(formula);
            File.ReadAllText(Path.Combine(dir, "hello.svg")).ShouldContain("<svg");
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [Fact]
    public void GameLoop_runs_and_reports_zero_allocations() => RunMain("GameLoop", "1000", "60").ShouldBe(0);

    [Fact]
    public void Embedded_runs() => RunMain("Embedded.Runner").ShouldBe(0);
}
