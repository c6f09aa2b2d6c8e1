/* make bench: what the Markdown work alone costs with the C library. For each
 * body file given, read it, convert it with libcmark (the library Debian's
 * `cmark` command wraps) and write the HTML to its own file in OUTDIR, one
 * page after the other on one core.
 *
 *   cmark_pages OUTDIR FILE...
 */
#include <cmark.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: cmark_pages OUTDIR FILE...\n"); return 2; }
    char path[4096];
    for (int i = 2; i < argc; i++) {
        FILE *in = fopen(argv[i], "rb");
        if (!in) { perror(argv[i]); return 1; }
        fseek(in, 0, SEEK_END);
        long size = ftell(in);
        fseek(in, 0, SEEK_SET);
        char *text = malloc(size + 1);
        if (fread(text, 1, size, in) != (size_t)size) { perror(argv[i]); return 1; }
        fclose(in);
        char *html = cmark_markdown_to_html(text, size, CMARK_OPT_DEFAULT);
        const char *name = strrchr(argv[i], '/');
        snprintf(path, sizeof path, "%s/%s.html", argv[1], name ? name + 1 : argv[i]);
        FILE *out = fopen(path, "wb");
        if (!out) { perror(path); return 1; }
        fwrite(html, 1, strlen(html), out);
        fclose(out);
        free(html);
        free(text);
    }
    return 0;
}
