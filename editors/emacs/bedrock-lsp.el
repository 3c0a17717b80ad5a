;;; bedrock-lsp.el --- bedrock-lsp with eglot -*- lexical-binding: t; -*-

;; Load this file from your init (or paste its body there):
;;   (load "/path/to/bedrock-lsp/editors/emacs/bedrock-lsp.el")
;; then `M-x eglot' in a Python, Terraform, YAML … buffer, or let the hook below start it.
;;
;; eglot runs one server per buffer major mode and project, and a mode can have only one
;; server: for a mode where you use another server (pyright, gopls …), bedrock-lsp takes its
;; place while this entry comes first. Keep only the modes you want checked by bedrock-lsp.
;; Needs Emacs 29+ (eglot built in).

;;; Code:

(require 'eglot)

(defconst bedrock-lsp-modes
  '(python-mode python-ts-mode
    js-mode js-ts-mode typescript-mode typescript-ts-mode tsx-ts-mode
    java-mode java-ts-mode kotlin-mode go-mode go-ts-mode rust-mode rust-ts-mode
    csharp-mode csharp-ts-mode php-mode ruby-mode ruby-ts-mode
    terraform-mode hcl-mode yaml-mode yaml-ts-mode json-mode json-ts-mode js-json-mode
    toml-ts-mode conf-toml-mode conf-javaprop-mode dotenv-mode
    sh-mode bash-ts-mode dockerfile-mode dockerfile-ts-mode markdown-mode
    swift-mode scala-mode scala-ts-mode dart-mode lua-mode lua-ts-mode
    elixir-mode elixir-ts-mode ess-r-mode sql-mode nxml-mode html-mode mhtml-mode
    html-ts-mode conf-mode conf-unix-mode conf-windows-mode rst-mode adoc-mode)
  "Major modes bedrock-lsp serves.")

(add-to-list 'eglot-server-programs
             `(,bedrock-lsp-modes . ("bedrock-lsp" "serve")))

;; Settings: answered to the server's workspace/configuration (section "bedrock"). Set only
;; what you mean to; a value here overrides the project's .bedrock-lsp.toml. Per project,
;; put the same in .dir-locals.el as `eglot-workspace-configuration'.
;; (setq-default eglot-workspace-configuration
;;               (plist-put (default-value 'eglot-workspace-configuration)
;;                          :bedrock '(:region "us-east-1")))

;; Optional: start it automatically.
;; (dolist (mode bedrock-lsp-modes)
;;   (add-hook (intern (format "%s-hook" mode)) #'eglot-ensure))

;; .bedrock-lsp.toml marks a project root even outside version control.
(defun bedrock-lsp-project-find (dir)
  "Project whose root holds .bedrock-lsp.toml, searching up from DIR."
  (let ((root (locate-dominating-file dir ".bedrock-lsp.toml")))
    (and root (cons 'transient root))))
(add-hook 'project-find-functions #'bedrock-lsp-project-find 50)

(provide 'bedrock-lsp)
;;; bedrock-lsp.el ends here
