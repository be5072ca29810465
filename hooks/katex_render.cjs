// Typesets TeX with KaTeX for the build (hooks/nn101_math.py), so pages ship no maths JavaScript.
// Protocol: one JSON request per line on stdin, {"tex": "...", "display": true|false}; one JSON
// reply per line on stdout, {"html": "..."} or {"error": "..."}, in the same order.
"use strict";

const katex = require(process.argv[2]);
const readline = require("readline");

function render(request) {
  try {
    return {
      html: katex.renderToString(request.tex, {
        displayMode: request.display,
        throwOnError: true, // a typo in a formula fails the build instead of showing red text
        strict: "error",
        output: "htmlAndMathml", // MathML is what screen readers read
      }),
    };
  } catch (error) {
    return { error: String(error.message || error) };
  }
}

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  process.stdout.write(JSON.stringify(render(JSON.parse(line))) + "\n");
});
