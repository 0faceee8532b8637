using System;

namespace Kan.Training.Tests.Network
{
    /// <summary>pykan <c>set_mode</c>'s masks per mode name, and the error for any other name.</summary>
    public class SetModeTests
    {
        [Theory]
        [InlineData("n", null, 1.0, 0.0)]
        [InlineData("s", null, 0.0, 1.0)]
        [InlineData("ns", null, 1.0, 1.0)]
        [InlineData("sn", 0.25, 0.25, 1.0)]
        [InlineData("none", null, 0.0, 0.0)]
        public void Each_mode_sets_pykans_masks(string mode, double? numericMask, double expectedNumeric, double expectedSymbolic)
        {
            KanNetwork net = KanNetwork.Create(new[] { 2, 2 });
            net.SetMode(0, 1, 0, mode, numericMask);
            int e = net.Layers[0].EdgeIndex(1, 0);
            net.Layers[0].Mask[e].ShouldBe(expectedNumeric);
            net.Layers[0].SymbolicMask[e].ShouldBe(expectedSymbolic);
        }

        [Theory]
        [InlineData("x")]
        [InlineData("S")]
        [InlineData("symbolic")]
        [InlineData("")]
        public void An_unknown_mode_is_an_error_and_changes_nothing(string mode)
        {
            KanNetwork net = KanNetwork.Create(new[] { 2, 2 });
            double[,] before = net.Forward(new double[,] { { 0.3, -0.4 } });
            var error = Should.Throw<ArgumentException>(() => net.SetMode(0, 1, 0, mode));
            error.Message.ShouldContain("'" + mode + "'");
            error.Message.ShouldContain("\"none\"");
            net.Layers[0].Mask[net.Layers[0].EdgeIndex(1, 0)].ShouldBe(1.0);
            net.Forward(new double[,] { { 0.3, -0.4 } }).ShouldBe(before);
        }
    }
}
