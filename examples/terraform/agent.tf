provider "aws" {
  region = "us-west-2"
}

resource "aws_iam_role" "agent" {
  name = "support-agent"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Action = "sts:AssumeRole", Effect = "Allow", Principal = { Service = "bedrock.amazonaws.com" } }]
  })
}

resource "aws_bedrockagent_agent" "support" {
  agent_name              = "support-agent"
  agent_resource_role_arn = aws_iam_role.agent.arn
  instruction             = "You answer questions about our product using the knowledge base."
  foundation_model        = "anthropic.claude-3-5-sonnet-20241022-v2:0"
}

resource "aws_bedrockagent_knowledge_base" "docs" {
  name     = "support-docs"
  role_arn = aws_iam_role.agent.arn
  knowledge_base_configuration {
    type = "VECTOR"
    vector_knowledge_base_configuration {
      embedding_model_arn = "arn:aws:bedrock:us-west-2::foundation-model/amazon.titan-embed-text-v2:0"
    }
  }
  storage_configuration {
    type = "OPENSEARCH_SERVERLESS"
  }
}
