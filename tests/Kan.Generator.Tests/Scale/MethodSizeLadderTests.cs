extern alias gen;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Kan.Format;
using Kan.Generator.Tests.Support;
using Kan.Runtime.Tests.Support;
using Microsoft.CodeAnalysis;
using ModelPlanner = gen::Kan.Generator.Planning.ModelPlanner;
using UnrolledLayerPlan = gen::Kan.Generator.Planning.UnrolledLayerPlan;

namespace Kan.Generator.Tests.Scale;

/// <summary>
/// Models of growing size, compiled and loaded: no method the generator emits passes a limit past which the JIT
/// stops optimising it (MinOpts), and the planner's estimate of each layer method stays above what was compiled.
/// </summary>
public class MethodSizeLadderTests
{
    /// <summary>
    /// [w, 2w, 1], G = 3, k = 3 (uniform and not) up to [16, 32, 1]: 18 432 terms, under the term threshold, whose
    /// unrolled vector layer would be about 88 000 bytes of IL. The small rungs stay unrolled, middle ones keep
    /// unrolled code but batch without the (twice as large) vector layer, the large ones switch to tables.
    /// </summary>
    [Fact]
    public void No_generated_method_passes_the_JIT_limits_and_the_strategy_switches_on_the_way()
    {
        var rungs = new[] { 4, 8, 12, 14, 16 }.SelectMany(w => new[] { true, false }.Select(uniform => ShapedModels.Create(new[] { w, 2 * w, 1 }, g: 3, k: 3, seed: w, uniform))).ToList();
        var (result, assembly, sources) = Compile(rungs, tableModeThreshold: null);

        for (int m = 0; m < rungs.Count; m++)
        {
            foreach (MethodIl method in MethodIl.Of(assembly.GetType("Ladder.M" + m)!))
            {
                method.Exceeds(MethodIl.JitLimits).ShouldBeFalse($"rung {m} ({string.Join(",", rungs[m].Widths)}): {method}");
            }
        }

        bool[] table = sources.Select(s => s.Contains("= Data(\"")).ToArray();
        table.ShouldContain(false, "no rung stayed unrolled");
        table.ShouldContain(true, "no rung switched to tables");
        table.Take(2).ShouldAllBe(t => !t, "the smallest rungs must stay unrolled");
        sources.Take(2).ShouldAllBe(source => source.Contains("ComputeRows4"), "the smallest rungs keep the vector batch path");
        sources.Where((source, m) => !table[m]).ShouldContain(source => !source.Contains("ComputeRows4"), "no rung dropped only its vector layer");
        var switched = result.Diagnostics.Where(d => d.Id == "KAN0003").Select(d => d.GetMessage(CultureInfo.InvariantCulture)).ToList();
        switched.Count.ShouldBe(table.Count(t => t));
        switched.ShouldAllBe(message => message.Contains("past which the JIT would not optimise it"));
    }

    /// <summary>Random models of every kind, unrolled whatever their size: each layer method's estimate is an upper bound.</summary>
    [Fact]
    public void Layer_method_estimates_stay_above_the_compiled_methods()
    {
        var random = new RandomModels(5) { MaxWidth = 6, MaxGrid = 24 };
        var models = Enumerable.Range(0, 12).Select(_ => random.Next()).ToList();
        models.Add(ShapedModels.Create(new[] { 8, 16, 1 }, g: 5, k: 3, seed: 1, uniform: false));
        models.Add(ShapedModels.Create(new[] { 4, 16, 1 }, g: 30, k: 3, seed: 1, uniform: false));
        models.Add(ShapedModels.Create(new[] { 8, 8, 1 }, g: 3, k: 5, seed: 1));
        models.Add(ShapedModels.Create(new[] { 8, 8, 1 }, g: 3, k: 1, seed: 1));
        var (_, assembly, _) = Compile(models, tableModeThreshold: long.MaxValue);

        int checkedMethods = 0;
        for (int m = 0; m < models.Count; m++)
        {
            var plan = ModelPlanner.Plan(gen::Kan.Format.KanFileParser.Parse(KanFile.ToText(models[m]), "m.kan"), false, true, long.MaxValue, out _)!;
            var methods = MethodIl.Of(assembly.GetType("Ladder.M" + m)!);
            foreach (var layer in plan.Layers.OfType<UnrolledLayerPlan>())
            {
                foreach (var (name, estimate) in new[] { ("Layer" + layer.Index, layer.Scalar), ("VectorLayer" + layer.Index, layer.Vector) })
                {
                    MethodIl? actual = methods.SingleOrDefault(x => x.Name == name);
                    if (actual is null)
                    {
                        continue;
                    }

                    var bound = new MethodIl(name, (int)estimate.Bytes, (int)estimate.Instructions, (int)estimate.LocalRefs, (int)estimate.Locals, (int)estimate.Blocks);
                    actual.Exceeds(bound).ShouldBeFalse($"model {m} {name}: compiled {actual}, estimated {bound}");
                    checkedMethods++;
                }
            }
        }

        checkedMethods.ShouldBeGreaterThan(2 * models.Count);
    }

    private static (GeneratorRunResult Result, System.Reflection.Assembly Assembly, List<string> Sources) Compile(List<KanModel> models, long? tableModeThreshold)
    {
        var files = models.Select((m, i) => new KanSource("/ladder/m" + i + ".kan", KanFile.ToText(m), new Dictionary<string, string> { ["KanClassName"] = "M" + i })).ToList();
        var (result, output) = GeneratorHarness.Run(files, "Ladder", tableModeThreshold: tableModeThreshold);
        result.Diagnostics.ShouldAllBe(d => d.Severity != DiagnosticSeverity.Error);
        var sources = models.Select((_, i) => result.GeneratedSources.Single(g => g.HintName == "Ladder.M" + i + ".g.cs").SourceText.ToString()).ToList();
        return (result, GeneratorHarness.Load(output), sources);
    }
}
