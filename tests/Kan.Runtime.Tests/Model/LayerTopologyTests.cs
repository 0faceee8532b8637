using System;
using System.Collections.Immutable;
using System.Linq;

namespace Kan.Runtime.Tests.Model;

/// <summary>
/// <see cref="LayerTopology"/> against pykan's wiring written out directly (MultKAN.forward: sums first, then
/// each mult node over the next mult_arity subnodes), on random topologies.
/// </summary>
public class LayerTopologyTests
{
    [Fact]
    public void Operands_partition_the_subnodes_in_pykan_order()
    {
        var rng = new Random(5);
        for (int trial = 0; trial < 200; trial++)
        {
            var topology = RandomTopology(rng);
            int expectedOperand = 0;
            for (int n = 0; n < topology.OutputCount; n++)
            {
                SubnodeRange operands = topology.Operands(n);
                operands.Start.ShouldBe(expectedOperand);
                int arity = n < topology.SumCount ? 1 : topology.MultArity[n - topology.SumCount];
                operands.Count.ShouldBe(arity);
                topology.IsMultiplication(n).ShouldBe(n >= topology.SumCount);
                operands.ToArray().ShouldBe(Enumerable.Range(expectedOperand, arity).ToArray());
                foreach (int j in operands)
                {
                    topology.NodeOf(j).ShouldBe(n);
                }

                expectedOperand += arity;
            }

            topology.SubnodeCount.ShouldBe(expectedOperand);
            topology.EdgeCount.ShouldBe(topology.InputCount * topology.SubnodeCount);
        }
    }

    [Fact]
    public void Node_arithmetic_matches_the_written_out_mult_kan_step()
    {
        var rng = new Random(6);
        for (int trial = 0; trial < 200; trial++)
        {
            var topology = RandomTopology(rng);
            double[] sums = Values(rng, topology.SubnodeCount), subScale = Values(rng, topology.SubnodeCount), subBias = Values(rng, topology.SubnodeCount);
            double[] nodeScale = Values(rng, topology.OutputCount), nodeBias = Values(rng, topology.OutputCount);

            // pykan: subnode affine, sums pass through, products of consecutive groups, node affine.
            double[] z = sums.Select((y, j) => subScale[j] * y + subBias[j]).ToArray();
            var expected = new double[topology.OutputCount];
            for (int n = 0; n < topology.SumCount; n++)
            {
                expected[n] = nodeScale[n] * z[n] + nodeBias[n];
            }

            int operand = topology.SumCount;
            for (int m = 0; m < topology.MultArity.Length; m++)
            {
                double product = z[operand];
                for (int a = 1; a < topology.MultArity[m]; a++)
                {
                    product *= z[operand + a];
                }

                int n = topology.SumCount + m;
                expected[n] = nodeScale[n] * product + nodeBias[n];
                operand += topology.MultArity[m];
            }

            double[] actual = new double[topology.OutputCount];
            double[] work = (double[])sums.Clone();
            LayerTopology.ApplyAffine(subScale, subBias, work);
            work.ShouldBe(z);
            topology.EvaluateNodes(work, nodeScale, nodeBias, actual);
            actual.ShouldBe(expected);
        }
    }

    [Fact]
    public void Product_without_an_operand_is_the_partial_derivative_even_with_a_zero_operand()
    {
        var topology = new LayerTopology(1, 1, ImmutableArray.Create(3));
        double[] z = { 7.0, 2.0, 0.0, -5.0 };
        topology.Product(z, 1).ShouldBe(0.0);
        topology.ProductWithout(z, 1, 1).ShouldBe(0.0);
        topology.ProductWithout(z, 1, 2).ShouldBe(-10.0);
        topology.ProductWithout(z, 1, 3).ShouldBe(0.0);
        topology.Product(z, 0).ShouldBe(7.0);
        topology.ProductWithout(z, 0, 0).ShouldBe(1.0);
    }

    [Fact]
    public void Invalid_wiring_is_rejected_with_the_reason()
    {
        Should.Throw<ArgumentException>(() => new LayerTopology(2, 1, ImmutableArray.Create(2, 1))).Message.ShouldContain("arity 1");
        Should.Throw<ArgumentOutOfRangeException>(() => new LayerTopology(-1, 1, default));
        Should.Throw<ArgumentOutOfRangeException>(() => new LayerTopology(1, -2, default));
    }

    [Fact]
    public void Equal_wiring_compares_equal()
    {
        new LayerTopology(3, 2, ImmutableArray.Create(2, 3)).ShouldBe(new LayerTopology(3, 2, ImmutableArray.Create(2, 3)));
        new LayerTopology(3, 2, ImmutableArray.Create(2, 3)).ShouldNotBe(new LayerTopology(3, 2, ImmutableArray.Create(3, 2)));
        LayerTopology.Sums(2, 4).ShouldBe(new LayerTopology(2, 4, default));
        LayerTopology.Sums(2, 4).GetHashCode().ShouldBe(new LayerTopology(2, 4, ImmutableArray<int>.Empty).GetHashCode());
    }

    private static LayerTopology RandomTopology(Random rng)
    {
        int mult = rng.Next(4);
        int sums = rng.Next(mult == 0 ? 1 : 0, 5);
        return new LayerTopology(rng.Next(0, 5), sums, Enumerable.Range(0, mult).Select(_ => rng.Next(2, 5)).ToImmutableArray());
    }

    private static double[] Values(Random rng, int n) => Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 4 - 2).ToArray();
}
