using System;
using System.Collections.Immutable;
using System.Linq;
using Kan.Runtime.Tests.Support;

namespace Kan.Runtime.Tests.Model;

/// <summary>Named construction of <see cref="KanLayer"/>: defaults, copies and the errors for missing or misshapen arrays.</summary>
public class KanLayerBuilderTests
{
    [Fact]
    public void A_builder_from_a_layer_rebuilds_an_equal_layer()
    {
        var models = new RandomModels(11);
        for (int n = 0; n < 30; n++)
        {
            foreach (KanLayer layer in models.Next().Layers)
            {
                KanLayer copy = layer.ToBuilder().Build();
                copy.ShouldBe(layer);
                copy.GetHashCode().ShouldBe(layer.GetHashCode());
                copy.Topology.ShouldBe(layer.Topology);
            }
        }
    }

    [Fact]
    public void Unset_optional_arrays_take_pykans_initial_values()
    {
        KanLayer layer = Minimal(new LayerTopology(2, 1, ImmutableArray.Create(2))).Build();
        layer.SubnodeCount.ShouldBe(3);
        layer.OutputCount.ShouldBe(2);
        layer.Mask.ShouldAllBe(m => m == 1.0);
        layer.Mask.Length.ShouldBe(6);
        layer.SubnodeScale.ShouldBe(new[] { 1.0, 1.0, 1.0 });
        layer.SubnodeBias.ShouldBe(new[] { 0.0, 0.0, 0.0 });
        layer.NodeScale.ShouldBe(new[] { 1.0, 1.0 });
        layer.NodeBias.ShouldBe(new[] { 0.0, 0.0 });
        layer.Symbolic.ShouldBeEmpty();
        layer.BaseFunction.ShouldBe(BaseFunction.Silu);
        layer.K.ShouldBe(1);
    }

    [Fact]
    public void Missing_and_misshapen_arrays_are_named()
    {
        var topology = LayerTopology.Sums(2, 3);
        KanLayer.Builder b = Minimal(topology);
        b.ScaleSpline = default;
        Should.Throw<ArgumentException>(() => b.Build()).Message.ShouldContain("ScaleSpline was not set");

        b = Minimal(topology);
        b.NodeBias = ImmutableArray.Create(0.0);
        Should.Throw<ArgumentException>(() => b.Build()).Message.ShouldContain("node scale and bias");

        b = Minimal(topology);
        b.SubnodeScale = ImmutableArray.Create(1.0, 1.0);
        Should.Throw<ArgumentException>(() => b.Build()).Message.ShouldContain("subnode scale and bias");

        // Knots and coefficients swapped: the shapes disagree with the topology.
        b = Minimal(topology);
        (b.Knots, b.Coefficients) = (b.Coefficients, b.Knots);
        Should.Throw<ArgumentException>(() => b.Build());

        Should.Throw<ArgumentNullException>(() => new KanLayer.Builder(null!));
    }

    private static KanLayer.Builder Minimal(LayerTopology topology)
    {
        const int k = 1, g = 2;
        int nIn = topology.InputCount, edges = topology.EdgeCount;
        return new KanLayer.Builder(topology)
        {
            K = k,
            Knots = Enumerable.Range(0, nIn).SelectMany(_ => Enumerable.Range(-k, g + 2 * k + 1).Select(m => (double)m)).ToImmutableArray(),
            Coefficients = Enumerable.Repeat(0.5, edges * (g + k)).ToImmutableArray(),
            ScaleBase = Enumerable.Repeat(1.0, edges).ToImmutableArray(),
            ScaleSpline = Enumerable.Repeat(1.0, edges).ToImmutableArray(),
        };
    }
}
