using System;
using Kan.Training.Compute;

namespace Kan.Training.Tests.Compute
{
    /// <summary>The analytic gradient of a training objective against central finite differences, parameter by parameter.</summary>
    internal static class FiniteDifferences
    {
        /// <summary>Checks every parameter of <paramref name="parameters"/>; returns how many were checked.</summary>
        public static int Check(TrainingObjective objective, ParameterSet parameters, string what)
        {
            var theta = new double[parameters.Count];
            var grad = new double[parameters.Count];
            parameters.Read(theta);
            double value = objective.Evaluate(gradient: true);
            double.IsFinite(value).ShouldBeTrue(what + ": the objective must be finite");
            parameters.ReadGradient(objective.Gradients, grad);
            for (int p = 0; p < theta.Length; p++)
            {
                double h = 1e-6 * Math.Max(1.0, Math.Abs(theta[p]));
                double saved = theta[p];
                theta[p] = saved + h;
                parameters.Write(theta);
                double up = objective.Evaluate(gradient: false);
                theta[p] = saved - h;
                parameters.Write(theta);
                double down = objective.Evaluate(gradient: false);
                theta[p] = saved;
                parameters.Write(theta);
                double numeric = (up - down) / (2 * h);
                string message = $"{what}, parameter {p}: analytic {grad[p]}, numeric {numeric}";
                // Shouldly orders NaN below every number, so finiteness is asserted on its own.
                (double.IsFinite(numeric) && double.IsFinite(grad[p])).ShouldBeTrue(message);
                double tol = 1e-5 * Math.Max(1.0, Math.Abs(numeric)) + 1e-7;
                Math.Abs(grad[p] - numeric).ShouldBeLessThanOrEqualTo(tol, message);
            }

            return theta.Length;
        }
    }
}
