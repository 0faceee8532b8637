using System;
using System.Collections.Generic;

namespace Kan.Benchmarks.Discovery
{
    /// <summary>One equation of the AI Feynman database: its variables, their sampling ranges, and the function.</summary>
    public sealed class FeynmanEquation
    {
        public FeynmanEquation(string name, string formula, string[] variables, (double Min, double Max)[] ranges, Func<double[], double> function)
        {
            Name = name;
            Formula = formula;
            Variables = variables;
            Ranges = ranges;
            Function = function;
        }

        public string Name { get; }

        public string Formula { get; }

        public string[] Variables { get; }

        public (double Min, double Max)[] Ranges { get; }

        public Func<double[], double> Function { get; }
    }

    /// <summary>
    /// Equations of the AI Feynman database (Udrescu and Tegmark 2020, FeynmanEquations.csv from
    /// https://space.mit.edu/home/tegmark/aifeynman.html) with the database's uniform sampling ranges. The list
    /// takes every equation of up to four variables from the lecture chapters it covers, plus a few harder ones
    /// (relativistic factors, arcsin, sums of products), not only those discovery solves.
    /// </summary>
    public static class FeynmanEquations
    {
        private static readonly (double, double) Std = (1.0, 5.0);

        public static IReadOnlyList<FeynmanEquation> All { get; } = new[]
        {
            E("I.6.2a", "exp(-theta^2/2)/sqrt(2*pi)", new[] { "theta" }, new[] { (1.0, 3.0) }, v => Math.Exp(-v[0] * v[0] / 2) / Math.Sqrt(2 * Math.PI)),
            E("I.6.2", "exp(-(theta/sigma)^2/2)/(sqrt(2*pi)*sigma)", new[] { "sigma", "theta" }, new[] { (1.0, 3.0), (1.0, 3.0) }, v => Math.Exp(-Math.Pow(v[1] / v[0], 2) / 2) / (Math.Sqrt(2 * Math.PI) * v[0])),
            E("I.10.7", "m0/sqrt(1-v^2/c^2)", new[] { "m0", "v", "c" }, new[] { (1.0, 5.0), (1.0, 2.0), (3.0, 10.0) }, v => v[0] / Math.Sqrt(1 - v[1] * v[1] / (v[2] * v[2]))),
            E("I.12.1", "mu*Nn", new[] { "mu", "Nn" }, new[] { Std, Std }, v => v[0] * v[1]),
            E("I.12.2", "q1*q2/(4*pi*epsilon*r^2)", new[] { "q1", "q2", "epsilon", "r" }, new[] { Std, Std, Std, Std }, v => v[0] * v[1] / (4 * Math.PI * v[2] * v[3] * v[3])),
            E("I.12.4", "q1/(4*pi*epsilon*r^2)", new[] { "q1", "epsilon", "r" }, new[] { Std, Std, Std }, v => v[0] / (4 * Math.PI * v[1] * v[2] * v[2])),
            E("I.12.5", "q2*Ef", new[] { "q2", "Ef" }, new[] { Std, Std }, v => v[0] * v[1]),
            E("I.14.3", "m*g*z", new[] { "m", "g", "z" }, new[] { Std, Std, Std }, v => v[0] * v[1] * v[2]),
            E("I.14.4", "k_spring*x^2/2", new[] { "k_spring", "x" }, new[] { Std, Std }, v => v[0] * v[1] * v[1] / 2),
            E("I.18.12", "r*F*sin(theta)", new[] { "r", "F", "theta" }, new[] { Std, Std, (0.0, 5.0) }, v => v[0] * v[1] * Math.Sin(v[2])),
            E("I.25.13", "q/C", new[] { "q", "C" }, new[] { Std, Std }, v => v[0] / v[1]),
            E("I.26.2", "arcsin(n*sin(theta2))", new[] { "n", "theta2" }, new[] { (0.0, 1.0), (1.0, 5.0) }, v => Math.Asin(v[0] * Math.Sin(v[1]))),
            E("I.29.4", "omega/c", new[] { "omega", "c" }, new[] { (1.0, 10.0), (1.0, 10.0) }, v => v[0] / v[1]),
            E("I.32.5", "q^2*a^2/(6*pi*epsilon*c^3)", new[] { "q", "a", "epsilon", "c" }, new[] { Std, Std, Std, Std }, v => v[0] * v[0] * v[1] * v[1] / (6 * Math.PI * v[2] * Math.Pow(v[3], 3))),
            E("I.34.8", "q*v*B/p", new[] { "q", "v", "B", "p" }, new[] { Std, Std, Std, Std }, v => v[0] * v[1] * v[2] / v[3]),
            E("I.39.1", "3/2*pF*V", new[] { "pF", "V" }, new[] { Std, Std }, v => 1.5 * v[0] * v[1]),
            E("I.39.22", "n*kb*T/V", new[] { "n", "T", "V", "kb" }, new[] { Std, Std, Std, Std }, v => v[0] * v[3] * v[1] / v[2]),
            E("I.43.31", "mob*kb*T", new[] { "mob", "T", "kb" }, new[] { Std, Std, Std }, v => v[0] * v[2] * v[1]),
            E("I.47.23", "sqrt(gamma*pr/rho)", new[] { "gamma", "pr", "rho" }, new[] { Std, Std, Std }, v => Math.Sqrt(v[0] * v[1] / v[2])),
            E("II.3.24", "Pwr/(4*pi*r^2)", new[] { "Pwr", "r" }, new[] { Std, Std }, v => v[0] / (4 * Math.PI * v[1] * v[1])),
            E("II.4.23", "q/(4*pi*epsilon*r)", new[] { "q", "epsilon", "r" }, new[] { Std, Std, Std }, v => v[0] / (4 * Math.PI * v[1] * v[2])),
            E("II.8.31", "epsilon*Ef^2/2", new[] { "epsilon", "Ef" }, new[] { Std, Std }, v => v[0] * v[1] * v[1] / 2),
            E("II.34.2a", "q*v/(2*pi*r)", new[] { "q", "v", "r" }, new[] { Std, Std, Std }, v => v[0] * v[1] / (2 * Math.PI * v[2])),
            E("III.12.43", "n*h/(2*pi)", new[] { "n", "h" }, new[] { Std, Std }, v => v[0] * v[1] / (2 * Math.PI)),
            E("I.16.6", "(u+v)/(1+u*v/c^2)", new[] { "c", "v", "u" }, new[] { Std, Std, Std }, v => (v[2] + v[1]) / (1 + v[2] * v[1] / (v[0] * v[0]))),
        };

        private static FeynmanEquation E(string name, string formula, string[] variables, (double, double)[] ranges, Func<double[], double> f) =>
            new FeynmanEquation(name, formula, variables, ranges, f);
    }
}
