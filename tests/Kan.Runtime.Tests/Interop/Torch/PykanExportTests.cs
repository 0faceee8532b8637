using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Kan.Interop;
using Kan.Interop.Torch;
using Kan.Runtime.Tests.Support;

namespace Kan.Runtime.Tests.Interop.Torch;

/// <summary>
/// A checkpoint written by <see cref="PykanExporter"/> reads back through the project's own reader (YAML config +
/// torch zip) to the same layers, for random models and for the real pykan fixture; what pykan cannot hold is refused.
/// </summary>
public sealed class PykanExportTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kan-export-" + Guid.NewGuid().ToString("N"));

    public PykanExportTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Random_models_round_trip_through_the_reader()
    {
        var random = new RandomModels(20260);
        int exported = 0;
        for (int attempt = 0; exported < 25 && attempt < 500; attempt++)
        {
            KanModel model = random.Next();
            if (!model.InputIds.IsEmpty || !model.InputScale.IsEmpty || model.Layers.Any(l => l.BaseFunction != model.Layers[0].BaseFunction))
            {
                continue;
            }

            string prefix = Path.Combine(_dir, "m" + exported);
            var files = PykanExporter.Write(model, prefix);
            files.ShouldBe(new[] { prefix + "_config.yml", prefix + "_state", prefix + "_cache_data" });
            var back = PykanImporter.Import(prefix).Model;
            back.Layers.Length.ShouldBe(model.Layers.Length);
            for (int l = 0; l < model.Layers.Length; l++)
            {
                KanLayer a = back.Layers[l], b = model.Layers[l];
                string at = "model " + exported + " layer " + l;
                (a.K, a.BaseFunction, a.SumCount).ShouldBe((b.K, b.BaseFunction, b.SumCount), at);
                a.MultArity.ShouldBe(b.MultArity, at);
                a.Knots.ShouldBe(b.Knots, at);
                a.Coefficients.ShouldBe(b.Coefficients, at);
                a.ScaleBase.Concat(a.ScaleSpline).Concat(a.Mask).ShouldBe(b.ScaleBase.Concat(b.ScaleSpline).Concat(b.Mask), at);
                a.SubnodeScale.Concat(a.SubnodeBias).Concat(a.NodeScale).Concat(a.NodeBias).ShouldBe(b.SubnodeScale.Concat(b.SubnodeBias).Concat(b.NodeScale).Concat(b.NodeBias), at);
                a.Symbolic.ShouldBe(b.Symbolic.Where(e => e.Mask != 0), at); // a masked symbolic branch adds nothing and is not kept
            }

            back.InputCount.ShouldBe(model.InputCount);
            back.OutputCount.ShouldBe(model.OutputCount);
            exported++;
        }

        exported.ShouldBe(25);
    }

    [Fact]
    public void The_pykan_fixture_round_trips_and_the_state_has_pykans_keys()
    {
        var original = PykanImporter.Import(TorchReaderTests.FixturePath("pykan_mult_sym_f32")).Model;
        string prefix = Path.Combine(_dir, "mult");
        PykanExporter.Write(original, prefix);
        PykanImporter.Import(prefix).Model.Layers.ShouldBe(original.Layers);

        // The same keys, in the same order, as pykan's own state dict for the model.
        var ours = TorchFile.ReadStateDict(prefix + "_state");
        var pykans = TorchFile.ReadStateDict(TorchReaderTests.FixturePath("pykan_mult_sym_f32_state"));
        ours.Tensors.Select(t => t.Key).ShouldBe(pykans.Tensors.Select(t => t.Key));
        ours.Tensors.Select(t => t.Value.Shape).ShouldBe(pykans.Tensors.Select(t => t.Value.Shape));
        ours.DTypes.ShouldBe(new[] { TorchDType.Float64 });
        Should.Throw<TorchFormatException>(() => TorchFile.ReadStateDict(prefix + "_cache_data")).Detail.ShouldContain("holds None, not a state dict");
    }

    [Fact]
    public void What_pykan_cannot_hold_is_refused()
    {
        var model = PykanImporter.Import(TorchReaderTests.FixturePath("pykan_toy_f64")).Model;
        var selected = new KanModel(ImmutableArray.Create("a", "b", "c"), model.OutputNames, ImmutableArray.Create(2, 0), model.Layers);
        Should.Throw<ArgumentException>(() => PykanExporter.Write(selected, Path.Combine(_dir, "sel"))).Message.ShouldContain("input_ids");
        var scaled = new KanModel(model.InputNames, model.OutputNames, default, model.Layers, inputScale: ImmutableArray.Create(2.0, 1.0), inputBias: ImmutableArray.Create(0.0, 0.0));
        Should.Throw<ArgumentException>(() => PykanExporter.Write(scaled, Path.Combine(_dir, "scaled"))).Message.ShouldContain("normalises its inputs");
        Directory.GetFiles(_dir).ShouldBeEmpty();
    }
}
