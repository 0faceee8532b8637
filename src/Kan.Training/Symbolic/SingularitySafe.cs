using System;
using Kan.Symbolic;

namespace Kan.Training.Symbolic
{
    /// <summary>
    /// pykan's singularity-avoiding variants (kan/utils.py <c>f_inv</c>, <c>f_inv2</c>..<c>f_inv5</c>, <c>f_sqrt</c>,
    /// <c>f_power1d5</c>, <c>f_invsqrt</c>, <c>f_log</c>, <c>f_tan</c>, <c>f_arctanh</c>, <c>f_arcsin</c>,
    /// <c>f_arccos</c>, <c>f_exp</c>): near a pole or outside the domain the function is replaced by a bounded
    /// piece controlled by <c>yTh</c>, so training through a symbolic edge cannot produce inf or NaN.
    /// pykan multiplies both branches by 0/1 masks; here the branch is selected, which is the same wherever pykan's
    /// unselected branch is finite and avoids its <c>inf*0 = NaN</c> (e.g. <c>f_exp</c> for x above ~709).
    /// Derivatives are those of the selected piece.
    /// </summary>
    public static class SingularitySafe
    {
        /// <summary>pykan's variant name for a built-in function, or null when pykan uses the plain function.</summary>
        public static string? VariantName(string function) => function switch
        {
            "1/x" => "f_inv",
            "1/x^2" => "f_inv2",
            "1/x^3" => "f_inv3",
            "1/x^4" => "f_inv4",
            "1/x^5" => "f_inv5",
            "sqrt" or "x^0.5" => "f_sqrt",
            "x^1.5" => "f_power1d5",
            "1/sqrt(x)" or "1/x^0.5" => "f_invsqrt",
            "log" => "f_log",
            "tan" => "f_tan",
            "arctanh" => "f_arctanh",
            "arcsin" => "f_arcsin",
            "arccos" => "f_arccos",
            "exp" => "f_exp",
            _ => null,
        };

        /// <summary>
        /// The value and derivative of an edge's function at <paramref name="x"/> as pykan's forward computes them with
        /// <c>singularity_avoiding=True</c>: the safe variant for a built-in function that has one, the plain function
        /// for the other built-ins and for custom functions (which only share a name with a built-in when they are it).
        /// </summary>
        public static void Evaluate(SymbolicFunction function, double x, double yTh, out double value, out double derivative)
        {
            if (SymbolicFunctions.TryGet(function.Name, out SymbolicFunction builtIn) && ReferenceEquals(builtIn, function)
                && TryEvaluate(function.Name, x, yTh, out value, out derivative))
            {
                return;
            }

            value = function.Value(x);
            derivative = function.Derivative(x);
        }

        /// <summary>The safe value and derivative for a built-in name with a variant; false for the others.</summary>
        public static bool TryEvaluate(string function, double x, double yTh, out double value, out double derivative)
        {
            switch (function)
            {
                case "1/x": OddInversePower(x, yTh, 1, out value, out derivative); return true;
                case "1/x^2": EvenInversePower(x, yTh, 2, out value, out derivative); return true;
                case "1/x^3": OddInversePower(x, yTh, 3, out value, out derivative); return true;
                case "1/x^4": EvenInversePower(x, yTh, 4, out value, out derivative); return true;
                case "1/x^5": OddInversePower(x, yTh, 5, out value, out derivative); return true;
                case "sqrt":
                case "x^0.5":
                {
                    // f_sqrt: linear x/y_th (slope x_th/y_th) inside |x| < x_th = 1/y_th^2, else sign(x)*sqrt(|x|).
                    double xTh = 1.0 / (yTh * yTh);
                    if (Math.Abs(x) < xTh)
                    {
                        value = xTh / yTh * x;
                        derivative = xTh / yTh;
                    }
                    else
                    {
                        double r = Math.Sqrt(Math.Abs(x));
                        value = r * Math.Sign(x);
                        derivative = 0.5 / r;
                    }

                    return true;
                }

                case "x^1.5":
                {
                    double r = Math.Sqrt(Math.Abs(x));
                    value = r * r * r;
                    derivative = 1.5 * r * Sign(x);
                    return true;
                }

                case "1/sqrt(x)":
                case "1/x^0.5":
                {
                    double xTh = 1.0 / (yTh * yTh);
                    if (Math.Abs(x) < xTh)
                    {
                        value = yTh;
                        derivative = 0.0;
                    }
                    else
                    {
                        double r = Math.Sqrt(Math.Abs(x));
                        value = 1.0 / r;
                        derivative = -0.5 * Sign(x) / (r * r * r);
                    }

                    return true;
                }

                case "log":
                {
                    double xTh = Math.Exp(-yTh);
                    if (Math.Abs(x) < xTh)
                    {
                        value = -yTh;
                        derivative = 0.0;
                    }
                    else
                    {
                        value = Math.Log(Math.Abs(x));
                        derivative = 1.0 / x;
                    }

                    return true;
                }

                case "tan":
                {
                    // f_tan: work on x mod pi (Python's floor modulo, in [0, pi)); linear through the pole at pi/2.
                    double clip = x - Math.PI * Math.Floor(x / Math.PI);
                    double delta = Math.PI / 2 - Math.Atan(yTh);
                    if (Math.Abs(clip - Math.PI / 2) < delta)
                    {
                        value = -yTh / delta * (clip - Math.PI / 2);
                        derivative = -yTh / delta;
                    }
                    else
                    {
                        double t = Math.Tan(clip);
                        value = t;
                        derivative = 1 + t * t;
                    }

                    return true;
                }

                case "arctanh":
                {
                    double delta = 1 - Math.Tanh(yTh) + 1e-4;
                    if (Math.Abs(x) > 1 - delta)
                    {
                        value = yTh * Sign(x);
                        derivative = 0.0;
                    }
                    else
                    {
                        value = 0.5 * Math.Log((1 + x) / (1 - x));
                        derivative = 1 / (1 - x * x);
                    }

                    return true;
                }

                case "arcsin":
                    if (Math.Abs(x) > 1)
                    {
                        value = Math.PI / 2 * Sign(x);
                        derivative = 0.0;
                    }
                    else
                    {
                        value = Math.Asin(x);
                        derivative = Math.Abs(x) == 1 ? 0.0 : 1 / Math.Sqrt(1 - x * x);
                    }

                    return true;
                case "arccos":
                    if (Math.Abs(x) > 1)
                    {
                        value = Math.PI / 2 * (1 - Sign(x));
                        derivative = 0.0;
                    }
                    else
                    {
                        value = Math.Acos(x);
                        derivative = Math.Abs(x) == 1 ? 0.0 : -1 / Math.Sqrt(1 - x * x);
                    }

                    return true;
                case "exp":
                    if (x > Math.Log(yTh))
                    {
                        value = yTh;
                        derivative = 0.0;
                    }
                    else
                    {
                        value = Math.Exp(x);
                        derivative = value;
                    }

                    return true;
                default:
                    value = 0.0;
                    derivative = 0.0;
                    return false;
            }
        }

        // f_inv, f_inv3, f_inv5: slope y_th/x_th through 0 inside |x| < x_th = y_th^(-1/n), else x^-n.
        private static void OddInversePower(double x, double yTh, int n, out double value, out double derivative)
        {
            double xTh = 1.0 / Math.Pow(yTh, 1.0 / n);
            if (Math.Abs(x) < xTh)
            {
                value = yTh / xTh * x;
                derivative = yTh / xTh;
            }
            else
            {
                value = 1.0 / Pow(x, n);
                derivative = -n / Pow(x, n + 1);
            }
        }

        // f_inv2, f_inv4: the constant y_th inside |x| < x_th = y_th^(-1/n), else x^-n.
        private static void EvenInversePower(double x, double yTh, int n, out double value, out double derivative)
        {
            double xTh = 1.0 / Math.Pow(yTh, 1.0 / n);
            if (Math.Abs(x) < xTh)
            {
                value = yTh;
                derivative = 0.0;
            }
            else
            {
                value = 1.0 / Pow(x, n);
                derivative = -n / Pow(x, n + 1);
            }
        }

        private static double Pow(double x, int n)
        {
            double p = 1.0;
            for (int k = 0; k < n; k++)
            {
                p *= x;
            }

            return p;
        }

        private static double Sign(double x) => x > 0 ? 1.0 : (x < 0 ? -1.0 : 0.0);
    }
}
