using System;
using System.Linq;
using Kan.Format;
using Kan.Training.Symbolic;

namespace Kan.Training.Tests.Symbolic;

/// <summary>A registered (custom) function is snapped, trained and refused at save time like docs/symbolic.md says.</summary>
public class CustomFunctionTests
{
    private static SymbolicLibrary WithSigmoid()
    {
        var lib = new SymbolicLibrary();
        lib.Register("sigmoid", x => 1 / (1 + Math.Exp(-x)), x => Math.Exp(-x) / Math.Pow(1 + Math.Exp(-x), 2),
            complexity: 3, csharpTemplate: "(1.0 / (1.0 + global::System.Math.Exp(-{0})))");
        return lib;
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    [Fact]
    public void A_custom_function_is_chosen_snapped_and_trained_but_not_saved()
    {
        // y = 2 sigmoid(3x + 1) - 0.5. (Not against tanh: sigmoid(u) = (1 + tanh(u/2)) / 2 fits exactly too.)
        Dataset data = Dataset.FromFunction(v => 2 * Sigmoid(3 * v[0] + 1) - 0.5, 1, new[] { (-2.0, 2.0) }, 300, 300, seed: 6);
        var net = KanNetwork.Create(new[] { 1, 1 }, new KanNetworkOptions { Grid = 10, Seed = 2 });
        net.Fit(data, new FitOptions { Steps = 20 });
        SymbolicLibrary lib = WithSigmoid();

        var choices = SymbolicRegression.AutoSymbolic(net, data, new[] { "x", "x^2", "sin", "arctan", "sigmoid" }, weightSimple: 0.0, library: lib);
        choices.Single().Best!.Name.ShouldBe("sigmoid");
        NetworkLayer layer = net.Layers[0];
        layer.SymbolicNames[0].ShouldBe("sigmoid");
        layer.SymbolicMask[0].ShouldBe(1.0);
        layer.Mask[0].ShouldBe(0.0);

        // The network computes c*sigmoid(a*x+b)+d with the snapped constants ...
        double[,] x = { { -1.5 }, { 0.25 }, { 1.75 } };
        double[,] y = net.Forward(x);
        for (int n = 0; n < 3; n++)
        {
            double expected = layer.SymbolicC[0] * Sigmoid(layer.SymbolicA[0] * x[n, 0] + layer.SymbolicB[0]) + layer.SymbolicD[0];
            y[n, 0].ShouldBe(expected, 1e-12);
        }

        // ... trains them with the function's own derivative ...
        layer.Arrays.SymbolicA[0] += 0.3;
        layer.Arrays.SymbolicD[0] -= 0.1;
        FitHistory h = net.Fit(data, new FitOptions { Steps = 20, UpdateGrid = false });
        h.TestRmse.Last().ShouldBeLessThan(1e-6);
        Math.Abs(layer.SymbolicA[0]).ShouldBe(3.0, 1e-4); // sigmoid(-u) = 1 - sigmoid(u): the sign of a is free

        // ... and refuses to be written to .kan v1, naming the function.
        var error = Should.Throw<InvalidOperationException>(() => KanFile.ToText(net.ToModel()));
        error.Message.ShouldContain("'sigmoid'");
    }

    [Fact]
    public void Fix_symbolic_with_an_unknown_name_lists_the_library()
    {
        var net = KanNetwork.Create(new[] { 1, 1 }, new KanNetworkOptions { Grid = 3, Seed = 1 });
        var error = Should.Throw<ArgumentException>(() => SymbolicRegression.FixSymbolic(net, 0, 0, 0, "sigmoid", new double[,] { { 0.5 } }));
        error.Message.ShouldContain("Unknown symbolic function 'sigmoid'");
        error.Message.ShouldContain("gaussian");
    }
}
