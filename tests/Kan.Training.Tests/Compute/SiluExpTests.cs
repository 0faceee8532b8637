using System;
using System.Runtime.Intrinsics;
using Kan.Training.Compute;

namespace Kan.Training.Tests.Compute
{
    /// <summary>The training passes' exp for silu: its vector and scalar paths, against <see cref="Math.Exp"/>.</summary>
    public class SiluExpTests
    {
        [Fact]
        public void Vector_and_scalar_paths_agree_bitwise_and_stay_within_1e_15_relative_of_Math_Exp()
        {
            var random = new Random(3);
            var xs = new double[4];
            for (int trial = 0; trial < 5000; trial++)
            {
                for (int q = 0; q < 4; q++)
                {
                    // Mostly silu's working range, also the whole normal range of exp.
                    xs[q] = trial % 5 == 0 ? (random.NextDouble() * 2 - 1) * 708 : (random.NextDouble() * 2 - 1) * 30;
                }

                for (int q = 0; q < 4; q++)
                {
                    double expected = Math.Exp(xs[q]);
                    double actual = SiluExp.Scalar(xs[q]);
                    actual.ShouldBe(expected, 1e-15 * expected, $"x={xs[q]:R}");
                }

                if (SiluExp.VectorSupported)
                {
                    Vector256<double> v = SiluExp.Vector(Vector256.Create(xs[0], xs[1], xs[2], xs[3]));
                    for (int q = 0; q < 4; q++)
                    {
                        BitConverter.DoubleToInt64Bits(v.GetElement(q)).ShouldBe(BitConverter.DoubleToInt64Bits(SiluExp.Scalar(xs[q])), $"x={xs[q]:R}");
                    }
                }

                if (SiluExp.Vector512Supported)
                {
                    Vector512<double> v = SiluExp.Vector8(Vector512.Create(xs[0], xs[1], xs[2], xs[3], -xs[0], -xs[1], -xs[2], -xs[3]));
                    for (int q = 0; q < 8; q++)
                    {
                        double x = q < 4 ? xs[q] : -xs[q - 4];
                        BitConverter.DoubleToInt64Bits(v.GetElement(q)).ShouldBe(BitConverter.DoubleToInt64Bits(SiluExp.Scalar(x)), $"x={x:R}");
                    }
                }
            }
        }

        [Theory]
        [InlineData(0.0, 1.0)]
        [InlineData(710.0, double.PositiveInfinity)]
        [InlineData(double.PositiveInfinity, double.PositiveInfinity)]
        [InlineData(-709.0, 0.0)]
        [InlineData(double.NegativeInfinity, 0.0)]
        [InlineData(double.NaN, double.NaN)]
        public void Edges_of_the_range_give_what_silu_needs(double x, double expected)
        {
            SiluExp.Scalar(x).ShouldBe(expected);
            if (SiluExp.VectorSupported)
            {
                SiluExp.Vector(Vector256.Create(x)).GetElement(0).ShouldBe(expected);
            }

            if (SiluExp.Vector512Supported)
            {
                SiluExp.Vector8(Vector512.Create(x)).GetElement(7).ShouldBe(expected);
            }
        }

        [Fact]
        public void Just_below_the_overflow_threshold_is_finite_and_just_past_it_infinite()
        {
            // n = 1024 here: 2^n alone would overflow.
            foreach (double x in new[] { 709.1, 709.5, 709.78 })
            {
                SiluExp.Scalar(x).ShouldBe(Math.Exp(x), Math.Exp(x) * 1e-15);
            }

            SiluExp.Scalar(709.79).ShouldBe(double.PositiveInfinity);
        }
    }
}
