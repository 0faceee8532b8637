// Test-only stand-ins for the few UnityEngine types samples/Unity touches, with Unity's signatures, so the sample's
// scripts compile (and run) outside Unity. Compiled by UnitySampleTests into an assembly named UnityEngine.
using System;

namespace UnityEngine
{
    public class Object
    {
    }

    public class Component : Object
    {
    }

    public class Behaviour : Component
    {
    }

    public class MonoBehaviour : Behaviour
    {
    }

    public class Transform : Component
    {
        public Vector3 position { get; set; }
    }

    [AttributeUsage(AttributeTargets.Field)]
    public sealed class SerializeField : Attribute
    {
    }

    public static class Time
    {
        public static float deltaTime { get; set; } = 0.02f;
    }

    public static class Mathf
    {
        public static float Min(float a, float b) => a < b ? a : b;

        public static float Clamp(float value, float min, float max) => value < min ? min : value > max ? max : value;

        public static float Sqrt(float f) => (float)Math.Sqrt(f);
    }

    public struct Vector3
    {
        public float x;
        public float y;
        public float z;

        public Vector3(float x, float y, float z)
        {
            this.x = x;
            this.y = y;
            this.z = z;
        }

        public float magnitude => Mathf.Sqrt(x * x + y * y + z * z);

        public static Vector3 operator +(Vector3 a, Vector3 b) => new Vector3(a.x + b.x, a.y + b.y, a.z + b.z);

        public static Vector3 operator -(Vector3 a, Vector3 b) => new Vector3(a.x - b.x, a.y - b.y, a.z - b.z);

        public static Vector3 operator *(Vector3 a, float d) => new Vector3(a.x * d, a.y * d, a.z * d);

        public static Vector3 operator *(float d, Vector3 a) => new Vector3(a.x * d, a.y * d, a.z * d);
    }
}
