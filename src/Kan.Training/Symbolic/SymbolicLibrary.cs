using System;
using System.Collections.Generic;
using System.Linq;
using Kan.Symbolic;

namespace Kan.Training.Symbolic
{
    /// <summary>
    /// The functions symbolic regression may snap an edge to. Starts from the built-in library
    /// (<see cref="SymbolicFunctions"/>, pykan's <c>SYMBOLIC_LIB</c>) and lets users register their own.
    /// Custom functions can be fitted, suggested and snapped like the built-ins, but a model that uses one cannot be
    /// saved to <c>.kan</c> v1 (the writer refuses with an error naming the function) nor run by the runtime
    /// evaluator, because no <c>.kan</c> reader knows them.
    /// A library is safe to read from several threads once registration is done.
    /// </summary>
    public sealed class SymbolicLibrary
    {
        private readonly List<LibraryFunction> _ordered = new List<LibraryFunction>();
        private readonly Dictionary<string, LibraryFunction> _byName = new Dictionary<string, LibraryFunction>(StringComparer.Ordinal);

        /// <summary>A library holding every built-in function, in pykan's order.</summary>
        public SymbolicLibrary()
        {
            foreach (SymbolicFunction f in SymbolicFunctions.All)
            {
                Add(new LibraryFunction(f, isBuiltIn: true));
            }
        }

        /// <summary>The built-ins only; do not register into it (use <c>new SymbolicLibrary()</c>).</summary>
        public static SymbolicLibrary Default { get; } = new SymbolicLibrary();

        public IReadOnlyList<LibraryFunction> Functions => _ordered;

        public IEnumerable<string> Names => _ordered.Select(f => f.Name);

        /// <summary>
        /// Adds a custom function. <paramref name="csharpTemplate"/> is a C# double expression with <c>{0}</c> for the
        /// argument (e.g. <c>(1.0 / (1.0 + global::System.Math.Exp(-{0})))</c>); <paramref name="display"/> and
        /// <paramref name="latex"/> default to <c>name({0})</c>.
        /// </summary>
        public LibraryFunction Register(string name, Func<double, double> value, Func<double, double> derivative, int complexity, string csharpTemplate, string? display = null, string? latex = null)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException("A symbolic function needs a name.", nameof(name));
            }

            if (_byName.ContainsKey(name))
            {
                throw new ArgumentException("The library already has a function named '" + name + "'.", nameof(name));
            }

            if (complexity < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(complexity), "Complexity cannot be negative.");
            }

            if (csharpTemplate is null || !csharpTemplate.Contains("{0}"))
            {
                throw new ArgumentException("The C# template must contain {0} for the argument.", nameof(csharpTemplate));
            }

            string shown = display ?? name + "({0})";
            var function = new SymbolicFunction(name, complexity, value ?? throw new ArgumentNullException(nameof(value)),
                derivative ?? throw new ArgumentNullException(nameof(derivative)), shown, csharpTemplate, latex: latex ?? "\\operatorname{{" + name + "}}\\left({0}\\right)");
            var entry = new LibraryFunction(function, isBuiltIn: false);
            Add(entry);
            return entry;
        }

        public bool TryGet(string name, out LibraryFunction function) => _byName.TryGetValue(name, out function!);

        public LibraryFunction Get(string name) =>
            TryGet(name, out var f) ? f : throw new ArgumentException("Unknown symbolic function '" + name + "'. Known: " + string.Join(", ", Names) + ".", nameof(name));

        /// <summary>The named functions of this library, in the order given (pykan's <c>lib=[...]</c> argument); null means all.</summary>
        public IReadOnlyList<LibraryFunction> Select(IEnumerable<string>? names) =>
            names is null ? _ordered : names.Select(Get).ToList();

        private void Add(LibraryFunction f)
        {
            _ordered.Add(f);
            _byName[f.Name] = f;
        }
    }
}
