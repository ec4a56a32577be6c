namespace MLGov.Platform; public static class Placeholder {}
