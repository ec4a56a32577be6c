namespace MLGov.Core; public static class Placeholder {}
