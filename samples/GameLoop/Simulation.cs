using System;

namespace GameLoop
{
    /// <summary>
    /// A fixed-timestep world of projectiles falling through air that thins with altitude. The drag on every
    /// projectile, every frame, comes from a KAN compiled into plain C# (<see cref="Drag"/>, generated from
    /// Models/drag.kan): <c>a = -Drag.Predict(speed, altitude) * v - g</c>. Struct-of-arrays state, no allocation per frame.
    /// </summary>
    public sealed class Simulation
    {
        public const double Gravity = 9.81;

        private readonly double[] _x, _y, _vx, _vy;
        private readonly Random _random;

        public Simulation(int agents, int seed)
        {
            _random = new Random(seed);
            _x = new double[agents];
            _y = new double[agents];
            _vx = new double[agents];
            _vy = new double[agents];
            for (int i = 0; i < agents; i++)
            {
                Respawn(i);
            }
        }

        public int Agents => _x.Length;

        public long Frames { get; private set; }

        /// <summary>Advances every agent by one fixed step (semi-implicit Euler).</summary>
        public void Step(double dt)
        {
            for (int i = 0; i < _x.Length; i++)
            {
                double vx = _vx[i], vy = _vy[i];
                double speed = Math.Sqrt(vx * vx + vy * vy);

                // The model was trained on speed and altitude in [0, 3]; clamp so it is never asked to extrapolate.
                double drag = Drag.Predict(Math.Min(speed, 3.0), Math.Min(Math.Max(_y[i], 0.0), 3.0));
                vx -= drag * vx * dt;
                vy -= (drag * vy + Gravity) * dt;
                _vx[i] = vx;
                _vy[i] = vy;
                _x[i] += vx * dt;
                _y[i] += vy * dt;
                if (_y[i] < 0)
                {
                    Respawn(i);
                }
            }

            Frames++;
        }

        /// <summary>Mean kinetic plus potential energy per unit mass: a cheap checksum that the world stays finite.</summary>
        public double MeanEnergy()
        {
            double sum = 0;
            for (int i = 0; i < _x.Length; i++)
            {
                sum += 0.5 * (_vx[i] * _vx[i] + _vy[i] * _vy[i]) + Gravity * _y[i];
            }

            return sum / _x.Length;
        }

        private void Respawn(int i)
        {
            _x[i] = 0;
            _y[i] = 0.5 + 2.0 * _random.NextDouble();
            double angle = Math.PI * (0.1 + 0.3 * _random.NextDouble());
            double speed = 0.5 + 2.0 * _random.NextDouble();
            _vx[i] = speed * Math.Cos(angle);
            _vy[i] = speed * Math.Sin(angle);
        }
    }
}
